/*
 * drivers/block/blk-core.c - the block layer: bios, their submission and completion, and the
 * list of disks (Linux's block/bio.c, blk-core.c and genhd.c, in miniature: no request queue,
 * no merging or scheduling; a bio goes straight to its driver).
 *
 * Lifetime rule (see blkdev.h): whoever holds a bio holds a reference (bi_cnt); the bio holds
 * a reference to each page in it. submit_bio_wait() takes one more reference for the
 * completion path, so a waiter killed by SIGKILL can drop its own and return -EINTR while the
 * device still writes into the pages: the completion (bio_endio from the driver's interrupt)
 * drops the last reference, and only then are the bio and the pages freed. The completion
 * runs in the disk's interrupt, where no memory may be freed (the interrupt may have stopped
 * the allocator halfway): there the last reference moves the bio to bio_free_list, and the
 * next bio_alloc or bio_put (in a task) frees it.
 */
#include "drivers/block/blkdev.h"
#include "mm/vmstat.h"
#include "fs/char_dev.h"
#include "fs/namei.h"
#include "fs/inode.h"
#include "fs/fs.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/io.h"
#include "kernel/lib/string.h"
#include "mm/page.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

static LIST_HEAD(all_bdevs);
static unsigned int nr_disks;
static LIST_HEAD(bio_free_list);	/* bios whose last reference went in an interrupt */

/* bio_free - drop @bio's page references and free it. In a task only. */
static void bio_free(struct bio *bio)
{
	for (unsigned int i = 0; i < bio->bi_vcnt; i++)
		put_page(bio->bi_io_vec[i].bv_page);
	kfree(bio);
}

void bio_free_deferred(void)
{
	for (;;) {
		unsigned long flags = local_irq_save();
		struct bio *bio = list_empty(&bio_free_list) ? NULL :
				  list_first_entry(&bio_free_list, struct bio, bi_list);

		if (bio)
			list_del_init(&bio->bi_list);
		local_irq_restore(flags);
		if (!bio)
			return;
		bio_free(bio);
	}
}

/* bio_dec_ref - drop a reference; true if it was the last. */
static bool bio_dec_ref(struct bio *bio)
{
	unsigned long flags = local_irq_save();
	int left = --bio->bi_cnt;

	local_irq_restore(flags);
	if (left < 0)
		pr_err("BUG: bio_put: bio %p has no reference left\n", bio);
	return left == 0;
}

struct bio *bio_alloc(struct block_device *bdev, unsigned int op)
{
	struct bio *bio;

	bio_free_deferred();
	bio = kzalloc(sizeof(*bio), GFP_KERNEL);
	if (!bio)
		return NULL;
	bio->bi_bdev = bdev;
	bio->bi_opf = op;
	bio->bi_cnt = 1;
	init_waitqueue_head(&bio->bi_wait);
	INIT_LIST_HEAD(&bio->bi_list);
	return bio;
}

void bio_get(struct bio *bio)
{
	unsigned long flags = local_irq_save();

	bio->bi_cnt++;
	local_irq_restore(flags);
}

void bio_put(struct bio *bio)
{
	if (bio_dec_ref(bio))
		bio_free(bio);
	bio_free_deferred();
}

void bio_put_irq(struct bio *bio)
{
	unsigned long flags;

	if (!bio_dec_ref(bio))
		return;
	flags = local_irq_save();
	list_add_tail(&bio->bi_list, &bio_free_list);
	local_irq_restore(flags);
}

unsigned int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off)
{
	unsigned int max = bio->bi_bdev->max_segments;
	struct bio_vec *bv;

	if (!max || max > BIO_MAX_VECS)
		max = BIO_MAX_VECS;
	if (bio->bi_vcnt >= max || !len || off + len > PAGE_SIZE || off + len < off ||
	    !IS_ALIGNED(len, SECTOR_SIZE) || !IS_ALIGNED(off, SECTOR_SIZE))
		return 0;
	bv = &bio->bi_io_vec[bio->bi_vcnt++];
	get_page(page);
	bv->bv_page = page;
	bv->bv_len = len;
	bv->bv_offset = off;
	bio->bi_iter.bi_size += len;
	return len;
}

void bio_endio(struct bio *bio)
{
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}

/* bio_io_error - finish @bio at once with -EIO. */
static void bio_io_error(struct bio *bio)
{
	bio->bi_status = -EIO;
	bio_endio(bio);
}

/* bio_check_eod - true if @bio's sectors lie within its disk (Linux's bio_check_eod). */
static bool bio_check_eod(const struct bio *bio)
{
	sector_t nr = bio->bi_iter.bi_size >> SECTOR_SHIFT, end;

	if (__builtin_add_overflow(bio->bi_iter.bi_sector, nr, &end))
		return false;
	return end <= bio->bi_bdev->nr_sectors;
}

void submit_bio(struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;

	bio->bi_status = 0;
	switch (bio->bi_opf) {
	case REQ_OP_FLUSH:
		if (bio->bi_iter.bi_size) {
			bio_io_error(bio);
			return;
		}
		if (!bdev->has_flush) {
			bio_endio(bio);
			return;
		}
		break;
	case REQ_OP_WRITE:
		if (bdev->read_only) {
			pr_err("%s: Trying to write to read-only block-device (sector %lu)\n",
			       bdev->bd_name, (unsigned long)bio->bi_iter.bi_sector);
			bio_io_error(bio);
			return;
		}
		/* fall through */
	case REQ_OP_READ:
		if (!bio->bi_iter.bi_size || !bio_check_eod(bio)) {
			pr_err("%s: attempt to access beyond end of device: sector %lu, %u bytes, limit %lu\n",
			       bdev->bd_name, (unsigned long)bio->bi_iter.bi_sector,
			       bio->bi_iter.bi_size, (unsigned long)bdev->nr_sectors);
			bio_io_error(bio);
			return;
		}
		break;
	default:
		bio_io_error(bio);
		return;
	}
	if (bio->bi_opf != REQ_OP_FLUSH)	/* /proc/vmstat pgpgin, pgpgout (Linux's submit_bio) */
		count_vm_events(bio->bi_opf == REQ_OP_READ ? PGPGIN : PGPGOUT,
				bio->bi_iter.bi_size >> SECTOR_SHIFT);
	bdev->fops->submit_bio(bio);
}

/* bio_wait_complete - wake the waiter and drop the completion path's reference (maybe the
 * last, if the waiter was killed: then the bio is freed later, in a task). */
void bio_wait_complete(struct bio *bio)
{
	bio->bi_done = true;
	wake_up(&bio->bi_wait);
	bio_put_irq(bio);
}

void submit_bio_nowait(struct bio *bio)
{
	bio->bi_done = false;
	if (!bio->bi_end_io)
		bio->bi_end_io = bio_wait_complete;
	bio_get(bio);			/* the completion path's reference */
	submit_bio(bio);
}

int bio_await(struct bio *bio)
{
	int err = wait_event_killable(bio->bi_wait, bio->bi_done);

	if (err)
		return -EINTR;		/* killed: the completion frees what the device uses */
	return bio->bi_status;
}

int submit_bio_wait(struct bio *bio)
{
	submit_bio_nowait(bio);
	return bio_await(bio);
}

int bdev_rw_page(struct block_device *bdev, sector_t sector, struct page *page,
		 unsigned int off, unsigned int len, int op)
{
	struct bio *bio;
	int err;

	if (op != REQ_OP_READ && op != REQ_OP_WRITE)
		return -EINVAL;
	bio = bio_alloc(bdev, (unsigned int)op);
	if (!bio)
		return -ENOMEM;
	bio->bi_iter.bi_sector = sector;
	if (bio_add_page(bio, page, len, off) != len) {
		bio_put(bio);
		return -EINVAL;
	}
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

int blkdev_issue_flush(struct block_device *bdev)
{
	struct bio *bio = bio_alloc(bdev, REQ_OP_FLUSH);
	int err;

	if (!bio)
		return -ENOMEM;
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

int add_disk(struct block_device *bdev, const char *prefix)
{
	size_t n = strlen(prefix);
	int err;

	if (nr_disks >= 26 || n + 2 > sizeof(bdev->bd_name))
		return -ENOSPC;
	memcpy(bdev->bd_name, prefix, n);
	bdev->bd_name[n] = (char)('a' + nr_disks);
	bdev->bd_name[n + 1] = '\0';
	bdev->bd_dev = MKDEV(VIRTBLK_MAJOR, VIRTBLK_MINORS * nr_disks);
	if (!bdev->logical_block_size)
		bdev->logical_block_size = SECTOR_SIZE;
	init_waitqueue_head(&bdev->bd_write_wait);
	err = devtmpfs_create_node(bdev->bd_name, S_IFBLK | 0660, bdev->bd_dev);
	if (err)
		return err;
	nr_disks++;
	list_add_tail(&bdev->bd_list, &all_bdevs);
	pr_info("%s: %lu 512-byte logical blocks (%lu MiB)%s\n", bdev->bd_name,
		(unsigned long)bdev->nr_sectors, (unsigned long)(bdev->nr_sectors >> 11),
		bdev->read_only ? ", read-only" : "");
	return 0;
}

struct block_device *blkdev_get_by_dev(unsigned int dev)
{
	struct block_device *bdev;

	list_for_each_entry(bdev, &all_bdevs, bd_list)
		if (bdev->bd_dev == dev)
			return bdev;
	return NULL;
}

int lookup_bdev(const char *path, unsigned int *dev)
{
	struct inode *inode = kern_path(path);
	int err = 0;

	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	if (!inode)
		return -ENOENT;
	if (!S_ISBLK(inode->i_mode))
		err = -ENOTBLK;
	else if (!blkdev_get_by_dev(inode->i_rdev))
		err = -ENXIO;
	else
		*dev = inode->i_rdev;
	iput(inode);
	return err;
}
