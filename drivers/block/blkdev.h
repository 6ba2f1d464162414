/*
 * drivers/block/blkdev.h - the block layer: disks (struct block_device) and the I/O requests
 * sent to them (struct bio), with Linux's names (include/linux/blkdev.h, blk_types.h, bio.h).
 *
 * A bio asks for one operation on a run of 512-byte sectors starting at bi_iter.bi_sector: read
 * them into, or write them from, a list of (page, offset, length) segments, or flush the
 * disk's write cache. submit_bio() hands it to the disk's driver and returns at once; the
 * driver calls bio_endio() when the device is done (from its interrupt handler), which runs
 * bi_end_io with bi_status 0 or -EIO. submit_bio_wait() sleeps until then.
 *
 * Lifetime (the rule that makes a killable wait safe): a bio is reference-counted (bi_cnt) and
 * holds a reference to every page in it. A task waiting in submit_bio_wait() may be killed
 * (SIGKILL) and leave while the device is still reading into the pages: it drops its own
 * reference and goes; the bio, its pages and the driver's request stay alive until the
 * completion path drops the last reference. So memory the device writes is never freed under
 * it, whatever the waiter does.
 *
 * Interrupt context: drivers call bio_endio from their interrupt handler, which may have
 * interrupted the page or slab allocator, so nothing there may allocate or free memory. A
 * last reference dropped in bi_end_io (bio_put_irq) queues the bio; it is freed by the next
 * bio_alloc or bio_put in a task.
 */
#ifndef FAULTLINE_DRIVERS_BLKDEV_H
#define FAULTLINE_DRIVERS_BLKDEV_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/wait.h"

struct page;

typedef u64 sector_t;

#define SECTOR_SHIFT		9
#define SECTOR_SIZE		(1u << SECTOR_SHIFT)
#define VIRTBLK_MAJOR		254	/* /dev/vda is 254:0, /dev/vdb 254:16, ... */
#define VIRTBLK_MINORS		16	/* minors per disk (Linux keeps 15 for partitions) */

enum req_op {
	REQ_OP_READ	= 0,
	REQ_OP_WRITE	= 1,
	REQ_OP_FLUSH	= 2,
};

struct bio;
typedef void (bio_end_io_t)(struct bio *bio);

/* What a disk driver provides: start @bio (asynchronously; never sleep) and call bio_endio. */
struct block_device_operations {
	void (*submit_bio)(struct bio *bio);
};

struct block_device {
	char bd_name[8];		/* "vda" */
	unsigned int bd_dev;		/* device number, MKDEV(VIRTBLK_MAJOR, 16 * index) */
	sector_t nr_sectors;		/* capacity in 512-byte sectors */
	bool read_only;
	bool has_flush;			/* the disk has a write cache to flush (REQ_OP_FLUSH does I/O) */
	unsigned int logical_block_size;	/* 512 */
	unsigned int max_segments;	/* segments per bio the driver takes (<= BIO_MAX_VECS;
					 * 0: BIO_MAX_VECS) */
	const struct block_device_operations *fops;
	void *private_data;		/* the driver's */
	bool bd_write_busy;		/* fs/block_dev.c: a write to the device file is under way */
	struct wait_queue_head bd_write_wait;	/* ...and writers wait here for it to finish */
	void *bd_holder;		/* fs/block_dev.c bd_claim: who has the disk exclusively */
	struct list_head bd_list;	/* in the list of disks, attach order */
};

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;
};

struct bvec_iter {
	sector_t bi_sector;		/* first sector */
	unsigned int bi_size;		/* bytes left: the sum of the segments' lengths */
};

#define BIO_MAX_VECS		64	/* 256 KiB of pages per bio */

struct bio {
	struct block_device *bi_bdev;
	unsigned int bi_opf;		/* enum req_op */
	struct bvec_iter bi_iter;
	int bi_status;			/* 0 or -EIO, valid in bi_end_io */
	bio_end_io_t *bi_end_io;
	void *bi_private;		/* the submitter's */
	int bi_cnt;			/* references */
	unsigned short bi_vcnt;		/* segments in bi_io_vec */
	bool bi_done;			/* submit_bio_wait: completion seen */
	struct list_head bi_list;	/* the driver's (a queue of waiting bios), then the
					 * list of bios to free later (bio_endio in an interrupt) */
	struct wait_queue_head bi_wait;	/* submit_bio_wait: the waiter sleeps here */
	struct bio_vec bi_io_vec[BIO_MAX_VECS];
};

/* bio_alloc - a new bio for @op on @bdev with one reference and no segments, or NULL. */
struct bio *bio_alloc(struct block_device *bdev, unsigned int op);
/* bio_get / bio_put - take and drop a reference; the last put drops the page references and
 * frees the bio. bio_put only in a task (it may free); in bi_end_io use bio_put_irq, which
 * leaves the freeing to the next bio_alloc or bio_put. */
void bio_get(struct bio *bio);
void bio_put(struct bio *bio);
void bio_put_irq(struct bio *bio);
/* bio_free_deferred - free now the bios whose last reference went in an interrupt (their
 * pages' references go with them). In a task only: the consistency checker counts after it. */
void bio_free_deferred(void);
/*
 * bio_add_page - append @len bytes at @off in @page (within the page; both multiples of 512)
 * as the next segment, taking a reference to @page. Returns @len, or 0 if the bio is full
 * (BIO_MAX_VECS segments, or its disk's max_segments) or the segment is not sector-aligned.
 */
unsigned int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off);

/*
 * submit_bio - start @bio. Returns at once; bi_end_io runs once, now or later (from an
 * interrupt, with interrupts off: it must not sleep). Checks first, finishing the bio with
 * -EIO at once: sectors past the disk's end (or overflowing), an empty read or write, and a
 * write to a read-only disk (Linux logs "Trying to write to read-only block-device" and lets
 * the device fail it; Faultline fails it here). A flush of a disk without a cache succeeds
 * at once.
 */
void submit_bio(struct bio *bio);

/*
 * submit_bio_wait - submit @bio and sleep until it completes. The sleep ends on a fatal
 * signal: then it returns -EINTR while the I/O goes on, and the bio (with its pages) lives
 * until it completes (see the lifetime rule above). Returns 0, -EIO or -EINTR. The caller
 * still owns its reference and drops it with bio_put as usual. A caller that needs its own
 * completion step sets bi_end_io first; that function must end with bio_wait_complete(bio).
 */
int submit_bio_wait(struct bio *bio);
/*
 * submit_bio_nowait / bio_await - submit_bio_wait in two halves, so that a caller can start
 * several bios (a read-ahead window, a batch of write-back) before it waits for the first:
 * the disk then works through them back to back. bio_await returns as submit_bio_wait does.
 */
void submit_bio_nowait(struct bio *bio);
int bio_await(struct bio *bio);
/* bio_wait_complete - submit_bio_wait's completion: wake the waiter, drop the completion's
 * reference (bio_put_irq). */
void bio_wait_complete(struct bio *bio);

/*
 * bio_endio - the driver's completion: run bi_end_io (which may drop the last reference,
 * with bio_put_irq). Set bi_status first. Callable with interrupts off, from an interrupt.
 */
void bio_endio(struct bio *bio);

/*
 * bdev_rw_page - read or write (@op) the @len bytes at @off in @page from or to the sectors
 * starting at @sector, and wait. @off and @len must be multiples of 512 within the page.
 * Returns 0, -EIO (device error, out of range, read-only), -EINVAL (misaligned), -ENOMEM,
 * or -EINTR if a fatal signal ended the wait (the I/O then finishes on its own).
 */
int bdev_rw_page(struct block_device *bdev, sector_t sector, struct page *page,
		 unsigned int off, unsigned int len, int op);

/* blkdev_issue_flush - flush @bdev's write cache and wait. Returns 0, -EIO or -EINTR. */
int blkdev_issue_flush(struct block_device *bdev);

/* bdev_nr_bytes - @bdev's size in bytes. */
static inline u64 bdev_nr_bytes(const struct block_device *bdev)
{
	return bdev->nr_sectors << SECTOR_SHIFT;
}

/*
 * add_disk - register @bdev (fops, nr_sectors, read_only, private_data filled in) as the next
 * disk: names it "<@prefix><letter>" in attach order ("vda", "vdb", ...), gives it the
 * device number MKDEV(VIRTBLK_MAJOR, 16 * n) and creates its /dev node. Returns 0, -ENOSPC
 * after 26 disks, or what creating the node returned.
 */
int add_disk(struct block_device *bdev, const char *prefix);

/* blkdev_get_by_dev - the disk with device number @dev, or NULL. Disks are never removed. */
struct block_device *blkdev_get_by_dev(unsigned int dev);

/*
 * lookup_bdev - the device number of the block special file @path (a kernel string).
 * Returns 0 and sets *@dev, or -ENOENT/-ENOTDIR (no such file), -ENOTBLK (not a block
 * device), -ENXIO (a block device number no disk has).
 */
int lookup_bdev(const char *path, unsigned int *dev);

/* virtio_blk_init - claim every virtio disk (drivers/block/virtio_blk.c), in PCI slot order. */
void virtio_blk_init(void);

#endif
