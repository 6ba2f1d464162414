/*
 * drivers/block/tests/blk_test.c - self tests of the block layer (drivers/block/blk-core.c)
 * on a fake disk whose driver only records the bios it is given, so they run without any
 * device attached: requests outside the disk and writes to a read-only disk fail with -EIO
 * before the driver sees them, and a waiter killed while its bio is in flight leaves the bio
 * and its page alive until the driver completes it (and then frees them, in a task).
 */
#include "drivers/block/blkdev.h"
#include "kernel/selftest.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/errno.h"
#include "mm/page.h"
#include "mm/page_alloc.h"

static struct bio *fake_inflight;	/* the bio the fake driver holds, not completed yet */
static int fake_calls;
static bool fake_complete_at_once;

/* fake_submit_bio - the fake driver: complete at once (status 0), or keep the bio. */
static void fake_submit_bio(struct bio *bio)
{
	fake_calls++;
	if (fake_complete_at_once) {
		bio_endio(bio);
		return;
	}
	fake_inflight = bio;
}

static const struct block_device_operations fake_fops = { .submit_bio = fake_submit_bio };

static struct block_device fake_disk(sector_t nr_sectors, bool read_only)
{
	return (struct block_device){ .bd_name = "fake", .nr_sectors = nr_sectors,
				      .read_only = read_only, .logical_block_size = SECTOR_SIZE,
				      .fops = &fake_fops };
}

KTEST(blk_out_of_range_is_eio)
{
	struct block_device disk = fake_disk(16, false);
	struct page *page = alloc_page(GFP_KERNEL);

	KASSERT(t, page);
	fake_complete_at_once = true;
	fake_calls = 0;
	KEXPECT_EQ(t, bdev_rw_page(&disk, 0, page, 0, PAGE_SIZE, REQ_OP_READ), 0);
	KEXPECT_EQ(t, bdev_rw_page(&disk, 8, page, 0, PAGE_SIZE, REQ_OP_WRITE), 0);	/* the last 8 */
	KEXPECT_EQ(t, fake_calls, 2);
	KEXPECT_EQ(t, bdev_rw_page(&disk, 9, page, 0, PAGE_SIZE, REQ_OP_READ), -EIO);	/* one past */
	KEXPECT_EQ(t, bdev_rw_page(&disk, 16, page, 0, 512, REQ_OP_READ), -EIO);
	KEXPECT_EQ(t, bdev_rw_page(&disk, ~0ULL - 3, page, 0, PAGE_SIZE, REQ_OP_READ), -EIO); /* wraps */
	KEXPECT_EQ(t, bdev_rw_page(&disk, 0, page, 100, 512, REQ_OP_READ), -EINVAL);	/* misaligned */
	KEXPECT_EQ(t, fake_calls, 2);
	KEXPECT_EQ(t, page_count(page), 1);		/* every bio gave its reference back */
	__free_page(page);
}

KTEST(blk_read_only_and_flush)
{
	struct block_device disk = fake_disk(16, true);
	struct page *page = alloc_page(GFP_KERNEL);

	KASSERT(t, page);
	fake_complete_at_once = true;
	fake_calls = 0;
	KEXPECT_EQ(t, bdev_rw_page(&disk, 0, page, 0, 512, REQ_OP_WRITE), -EIO);
	KEXPECT_EQ(t, bdev_rw_page(&disk, 0, page, 0, 512, REQ_OP_READ), 0);
	KEXPECT_EQ(t, blkdev_issue_flush(&disk), 0);	/* no write cache: nothing to send */
	KEXPECT_EQ(t, fake_calls, 1);
	disk.has_flush = true;
	KEXPECT_EQ(t, blkdev_issue_flush(&disk), 0);
	KEXPECT_EQ(t, fake_calls, 2);
	__free_page(page);
}

KTEST(blk_killed_waiter_leaves_bio_to_completion)
{
	struct block_device disk = fake_disk(16, false);
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long saved = current->pending;

	KASSERT(t, page);
	fake_complete_at_once = false;
	fake_inflight = NULL;
	current->pending |= 1UL << (SIGKILL - 1);	/* the waiter is being killed */
	KEXPECT_EQ(t, bdev_rw_page(&disk, 0, page, 0, PAGE_SIZE, REQ_OP_READ), -EINTR);
	current->pending = saved;
	KASSERT(t, fake_inflight);
	/* The waiter is gone; the in-flight bio still holds the page. */
	KEXPECT_EQ(t, fake_inflight->bi_cnt, 1);
	KEXPECT_EQ(t, page_count(page), 2);
	__free_page(page);				/* the caller lets go: the page stays */
	KEXPECT_EQ(t, page_count(page), 1);
	fake_inflight->bi_status = 0;
	bio_endio(fake_inflight);			/* the device finishes (an interrupt) */
	fake_inflight = NULL;
	KEXPECT_EQ(t, page_count(page), 1);		/* nothing is freed in an interrupt... */
	bio_put(bio_alloc(&disk, REQ_OP_READ));		/* ...but at the next bio_alloc/bio_put */
	KEXPECT_EQ(t, page_count(page), 0);
}

/* bio_add_page stops at the disk's max_segments (a virtio ring's size, the device's seg_max),
 * and at BIO_MAX_VECS when the disk gives no limit. */
KTEST(blk_bio_respects_max_segments)
{
	struct block_device disk = fake_disk(1024, false);
	struct page *page = alloc_page(GFP_KERNEL);
	struct bio *bio;
	unsigned int n = 0;

	KASSERT(t, page);
	disk.max_segments = 3;
	bio = bio_alloc(&disk, REQ_OP_READ);
	KASSERT(t, bio);
	while (n < BIO_MAX_VECS + 1 && bio_add_page(bio, page, 512, 0) == 512)
		n++;
	KEXPECT_EQ(t, n, 3);
	bio_put(bio);
	disk.max_segments = 0;
	bio = bio_alloc(&disk, REQ_OP_READ);
	KASSERT(t, bio);
	for (n = 0; n < BIO_MAX_VECS + 1 && bio_add_page(bio, page, 512, 0) == 512; )
		n++;
	KEXPECT_EQ(t, n, BIO_MAX_VECS);
	bio_put(bio);
	__free_page(page);
}
