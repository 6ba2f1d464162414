/*
 * fs/block_dev.h - block special files: /dev/vda and friends opened by programs.
 */
#ifndef FAULTLINE_FS_BLOCK_DEV_H
#define FAULTLINE_FS_BLOCK_DEV_H

#include "fs/fs.h"

struct block_device;

/* Linux's block-device ioctls (include/uapi/linux/fs.h). */
#define BLKROGET	0x125e		/* int: 1 if the disk is read-only */
#define BLKGETSIZE	0x1260		/* unsigned long: size in 512-byte sectors */
#define BLKFLSBUF	0x1261		/* flush buffers (nothing is cached: only the disk's cache) */
#define BLKSSZGET	0x1268		/* int: logical block size */
#define BLKBSZGET	0x80081270	/* int: the block size a file system would use (4096 here) */
#define BLKGETSIZE64	0x80081272	/* u64: size in bytes */

/*
 * bd_claim - take @bdev exclusively for @holder (Linux's blkdev_get_by_dev with FMODE_EXCL):
 * a mount (holder: its file system type) or a swap device (its swap_info_struct). 0, or -EBUSY
 * if another holder has it. A disk is claimed by one holder at a time; the same holder may
 * not claim it twice either (Faultline mounts a disk once).
 */
int bd_claim(struct block_device *bdev, void *holder);
/* bd_release - @holder lets go of @bdev (it must hold it: a mismatch is logged). */
void bd_release(struct block_device *bdev, void *holder);

/* The file_operations of every block special file before open: its open finds the disk. */
extern const struct file_operations def_blk_fops;

#endif
