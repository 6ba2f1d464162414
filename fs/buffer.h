/*
 * fs/buffer.h - buffer heads: one file-system block held in memory (Linux's buffer-head API in
 * miniature).
 *
 * A file system reads its metadata (superblock, group descriptors, bitmaps, inode tables,
 * directory and indirect blocks) a block at a time with sb_bread(), changes it in b_data,
 * marks it dirty and drops it with brelse(). The buffer cache (fs/buffer.c) keeps one
 * buffer_head per block number while it is referenced or dirty, so two users of one block
 * always see the same bytes; dirty buffers reach the disk on sync_dirty_buffer() (that one,
 * now) or sync_blockdev() (all of them). Clean buffers nobody references stay cached on a
 * short LRU list (BUFFER_LRU_MAX of them: the metadata a path walk reads again and again),
 * and the oldest is freed when it overflows.
 *
 * The I/O itself goes through the super_block's s_bdev_io hook, so the same cache and the same
 * file system code run in the kernel (over the block layer's bdev_rw_page(): fs/buffer_bdev.c's
 * sb_set_bdev) and in the host unit tests (pread/pwrite on an image file:
 * fs/tests/host/buffer_host.c).
 */
#ifndef FAULTLINE_BUFFER_H
#define FAULTLINE_BUFFER_H

#include "kernel/types.h"
#include "kernel/list.h"

/*
 * The block layer (drivers/block/blkdev.h: sector_t, enum req_op, struct block_device,
 * bdev_rw_page). The host unit tests (FAULTLINE_HOST_TEST) build fs/buffer.c and fs/ext2/
 * without the kernel's headers, so they get the same few names declared here instead.
 */
#ifndef FAULTLINE_HOST_TEST
#include "drivers/block/blkdev.h"
#include "kernel/mutex.h"
struct super_operations;
struct file_system_type;
struct inode;
#else
typedef u64 sector_t;			/* as in drivers/block/blkdev.h */
struct block_device;
struct page;
enum req_op {
	REQ_OP_READ	= 0,
	REQ_OP_WRITE	= 1,
};
#endif

#define SB_RDONLY	0x1		/* s_flags: mounted read-only (Linux's MS_RDONLY value) */

#define BUFFER_HASH_SIZE 256
#define BUFFER_LRU_MAX	64		/* clean, unreferenced buffers kept per file system */

/*
 * struct super_block - a mounted file system, as far as the buffer cache and a disk file
 * system need it (the VFS may grow it; Linux's names).
 */
struct super_block {
	struct block_device *s_bdev;	/* the disk (kernel) */
	void *s_bdev_private;		/* the environment's handle (host: the image's fd) */
	u64 s_bdev_size;		/* the disk's size in bytes; 0 if unknown */
	unsigned long s_blocksize;	/* bytes per block: 1024 << n */
	unsigned int s_blocksize_bits;
	unsigned long s_flags;		/* SB_RDONLY */
	void *s_fs_info;		/* the file system's own (ext2: struct ext2_sb_info) */
	char s_id[32];			/* the device's name, for log lines ("vda") */
	/*
	 * s_bdev_io - read or write block @block of @size bytes (byte @block * @size of the
	 * disk) into or from @data. Returns 0 or -EIO.
	 */
	int (*s_bdev_io)(struct super_block *sb, sector_t block, char *data, size_t size, int op);
	/* The buffer cache: referenced or dirty buffers, hashed by block number. */
	struct list_head s_buffers[BUFFER_HASH_SIZE];
	struct list_head s_buffer_lru;	/* clean, unreferenced buffers, oldest first */
	unsigned long s_nr_lru;		/* on s_buffer_lru */
	unsigned long s_nr_buffers;	/* buffer_heads alive (tests check it returns to 0) */
#ifndef FAULTLINE_HOST_TEST
	/* The VFS's part (fs/super.c, fs/namespace.c); the host tests have no VFS. */
	const struct super_operations *s_op;
	struct file_system_type *s_type;
	struct inode *s_root;		/* the root directory, referenced by the mount */
	struct list_head s_inodes;	/* every VFS inode of this file system (inode.i_sb_list) */
	struct list_head s_list;	/* in super_blocks */
	struct mutex s_mutex;		/* held across every call into the file system: its
					 * operations sleep on the disk half-way through */
	unsigned int s_dev;		/* the disk's device number (st_dev) */
	bool s_dying;			/* umount is evicting its inodes */
#endif
};

/* b_state bits. */
enum bh_state_bits {
	BH_Uptodate,	/* b_data holds the block's current contents */
	BH_Dirty,	/* b_data is newer than the disk */
	BH_Mapped,	/* get_block: b_blocknr is a disk block */
	BH_New,		/* get_block: the block was just allocated (its disk contents are junk) */
};

struct buffer_head {
	sector_t b_blocknr;		/* block number, in b_size units */
	size_t b_size;			/* the block size */
	char *b_data;			/* b_size bytes */
	unsigned long b_state;		/* BH_* bits */
	int b_count;			/* references (sb_bread/sb_getblk take one, brelse drops) */
	struct super_block *b_sb;	/* whose cache it is in */
	struct list_head b_hash;	/* in sb->s_buffers[] */
	struct list_head b_lru;		/* in sb->s_buffer_lru while clean and unreferenced */
};

static inline bool buffer_uptodate(const struct buffer_head *bh) { return bh->b_state & (1UL << BH_Uptodate); }
static inline bool buffer_dirty(const struct buffer_head *bh) { return bh->b_state & (1UL << BH_Dirty); }
static inline bool buffer_mapped(const struct buffer_head *bh) { return bh->b_state & (1UL << BH_Mapped); }
static inline bool buffer_new(const struct buffer_head *bh) { return bh->b_state & (1UL << BH_New); }
static inline void set_buffer_uptodate(struct buffer_head *bh) { bh->b_state |= 1UL << BH_Uptodate; }
static inline void set_buffer_mapped(struct buffer_head *bh) { bh->b_state |= 1UL << BH_Mapped; }
static inline void set_buffer_new(struct buffer_head *bh) { bh->b_state |= 1UL << BH_New; }

/*
 * sb_set_bdev - make @sb's disk the block device @bdev (the kernel's mount): s_bdev, its size,
 * its name as s_id, s_bdev_io through bdev_rw_page(), and an empty buffer cache.
 * (fs/buffer_bdev.c; built only with the block layer.)
 */
void sb_set_bdev(struct super_block *sb, struct block_device *bdev);

/* sb_buffers_init - set up @sb's (empty) buffer cache. Call before the first sb_bread. */
void sb_buffers_init(struct super_block *sb);

/*
 * sb_getblk - the buffer for block @block of @sb, referenced, WITHOUT reading it: for a block
 * about to be overwritten whole (the caller fills b_data and calls set_buffer_uptodate).
 * Returns NULL if memory runs out.
 */
struct buffer_head *sb_getblk(struct super_block *sb, sector_t block);

/* sb_bread - the buffer for block @block, referenced and read (uptodate). NULL on I/O error or
 * no memory. */
struct buffer_head *sb_bread(struct super_block *sb, sector_t block);

/* mark_buffer_dirty - @bh's data changed: write it at the next sync. */
void mark_buffer_dirty(struct buffer_head *bh);

/* brelse - drop a reference; a clean unreferenced buffer goes to the LRU list. brelse(NULL)
 * does nothing. */
void brelse(struct buffer_head *bh);

/*
 * bforget_block - block @block of @sb was freed: whatever a cached buffer of it holds no
 * longer matters. Its dirty data is dropped, never to be written over what the block holds
 * next (file data written through the page cache, say); unreferenced, it is freed.
 */
void bforget_block(struct super_block *sb, sector_t block);

/* sync_dirty_buffer - write @bh now if it is dirty. Returns 0 or -EIO (it stays dirty). */
int sync_dirty_buffer(struct buffer_head *bh);

/* sync_blockdev - write every dirty buffer of @sb. Returns 0 or the first error (-EIO). */
int sync_blockdev(struct super_block *sb);

/*
 * invalidate_buffers - at unmount, after sync_blockdev: free every unreferenced buffer (the
 * LRU's, and dirty ones too: their writes failed). Returns how many buffers were still referenced (a leak in the
 * file system: 0 expected).
 */
unsigned long invalidate_buffers(struct super_block *sb);

#endif
