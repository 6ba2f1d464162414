/*
 * mm/page_io.c - moving pages between memory and swap slots (Linux's mm/page_io.c).
 *
 * Slot s of a swap device is its page-sized run of sectors [s * 8, s * 8 + 8): slot 0 is the
 * mkswap header, never written here. Writes and reads are bios (drivers/block/blkdev.h) whose
 * completion, in the disk's interrupt, ends the page's I/O state: PG_writeback and PG_locked
 * cleared after a write (PG_dirty set again if it failed: the slot does not hold the page), or
 * PG_uptodate set and PG_locked cleared after a read. The task waits on the page, not on the
 * bio, so a fatal signal may end its wait while the device is still busy: the bio holds its own
 * reference to every page in it, and the page stays locked (in the swap cache, where every
 * other user finds and waits for it) until the device is done. So no slot is ever written
 * twice at once, and no frame is freed under the device.
 *
 * Writes of neighbouring slots go in one bio (up to BIO_MAX_VECS pages): MADV_PAGEOUT hands
 * over pages whose slots the next-fit allocator gave out in order. Reads of neighbouring slots
 * go in one bio too: swap read-ahead (mm/swap_state.c) reads a fault's whole cluster at once.
 *
 * A page whose I/O ends after the last PTE holding its entry went (its process was killed in
 * the write, or a page read ahead was unmapped first) could not be freed then, being locked.
 * The completion hands such a bio to swap_io_done (mm/swap_state.c), which frees the page and
 * its slot in a task as soon as the device is done, instead of bio_put_irq.
 */
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "mm/page_alloc.h"
#include "drivers/block/blkdev.h"
#include "fs/pagemap.h"
#include "kernel/printk.h"
#include "kernel/errno.h"

#define SECTORS_PER_PAGE	(PAGE_SIZE >> SECTOR_SHIFT)

/* swap_page_sector - the first sector of @page's slot. */
static sector_t swap_page_sector(struct page *page)
{
	return (sector_t)swp_offset((swp_entry_t){ page->private }) * SECTORS_PER_PAGE;
}

/* end_swap_bio_write - a swap write ended (interrupt context): its pages' I/O is over. */
static void end_swap_bio_write(struct bio *bio)
{
	for (unsigned int i = 0; i < bio->bi_vcnt; i++) {
		struct page *page = bio->bi_io_vec[i].bv_page;

		if (bio->bi_status)
			set_page_flag(page, PG_dirty);	/* the slot is stale: keep the page */
		end_page_writeback(page);
		unlock_page(page);
	}
	swap_io_done(bio);
}

/* end_swap_bio_read - a swap read ended (interrupt context): its pages are valid or not. */
static void end_swap_bio_read(struct bio *bio)
{
	for (unsigned int i = 0; i < bio->bi_vcnt; i++) {
		struct page *page = bio->bi_io_vec[i].bv_page;

		if (!bio->bi_status)
			set_page_flag(page, PG_uptodate);
		unlock_page(page);
	}
	swap_io_done(bio);
}

/* swap_write_failed - @page's write never started: end its I/O state here, in the task. */
static void swap_write_failed(struct page *page)
{
	set_page_flag(page, PG_dirty);
	end_page_writeback(page);
	unlock_page(page);
}

/* next_slot_follows - may @page go into @bio after its last page (same device, next slot)? */
static bool next_slot_follows(struct bio *bio, struct page *page, struct block_device *bdev)
{
	struct page *last = bio->bi_io_vec[bio->bi_vcnt - 1].bv_page;

	return bio->bi_bdev == bdev && bio->bi_vcnt < min(BIO_MAX_VECS, bdev->max_segments) &&
	       swap_page_sector(page) == swap_page_sector(last) + SECTORS_PER_PAGE;
}

/*
 * swap_submit_writes - start the writes of @n pages (see swap_writepages), neighbouring slots
 * in one bio. With @bios (room for @n), each bio gets a reference for the caller, who frees
 * it after waiting; without, the completion frees it. Returns the bios recorded.
 */
static unsigned int swap_submit_writes(struct page **pages, unsigned int n, struct bio **bios)
{
	struct bio *bio = NULL;
	unsigned int nr_bios = 0;

	for (unsigned int i = 0; i < n; i++) {
		struct page *page = pages[i];
		struct swap_info_struct *si = swp_swap_info((swp_entry_t){ page->private });

		if (!si) {
			swap_write_failed(page);
			continue;
		}
		if (bio && !next_slot_follows(bio, page, si->bdev)) {
			submit_bio(bio);
			bio = NULL;
		}
		if (!bio) {
			bio = bio_alloc(si->bdev, REQ_OP_WRITE);
			if (!bio) {
				swap_write_failed(page);
				continue;
			}
			bio->bi_iter.bi_sector = swap_page_sector(page);
			bio->bi_end_io = end_swap_bio_write;
			if (bios) {
				bio_get(bio);	/* ours: the bio is freed here, in the task */
				bios[nr_bios++] = bio;
			}
		}
		clear_page_flag(page, PG_dirty);	/* set again by a failed write */
		bio_add_page(bio, page, PAGE_SIZE, 0);
	}
	if (bio)
		submit_bio(bio);
	return nr_bios;
}

int swap_writepages(struct page **pages, unsigned int n)
{
	struct bio *bios[SWAP_WRITE_BATCH];
	unsigned int nr_bios;
	int err = 0;

	n = min(n, (unsigned int)SWAP_WRITE_BATCH);
	nr_bios = swap_submit_writes(pages, n, bios);
	for (unsigned int i = 0; i < n; i++) {
		if (wait_on_page_locked_killable(pages[i])) {
			err = -EINTR;
			break;
		}
		if (PageDirty(pages[i]))
			pr_err("Write-error on swap-device (%u:%lu)\n", swp_type((swp_entry_t){ pages[i]->private }),
			       swp_offset((swp_entry_t){ pages[i]->private }));
		else
			count_vm_event(PSWPOUT);
	}
	for (unsigned int i = 0; i < nr_bios; i++)
		bio_put(bios[i]);		/* after a fatal signal the completion frees it */
	return err;
}

void swap_writepages_async(struct page **pages, unsigned int n)
{
	swap_submit_writes(pages, n, NULL);
	count_vm_events(PSWPOUT, n);		/* counted as started (a failure is logged) */
}

void swap_read_submit(struct page **pages, unsigned int n)
{
	struct bio *bio = NULL;

	for (unsigned int i = 0; i < n; i++) {
		struct page *page = pages[i];
		struct swap_info_struct *si = swp_swap_info((swp_entry_t){ page->private });

		if (!si) {
			unlock_page(page);	/* not uptodate: its reader sees -EIO */
			continue;
		}
		count_vm_event(PSWPIN);		/* at submission, as Linux's swap_readpage */
		if (bio && next_slot_follows(bio, page, si->bdev) &&
		    bio_add_page(bio, page, PAGE_SIZE, 0))
			continue;
		if (bio)
			submit_bio(bio);
		bio = bio_alloc(si->bdev, REQ_OP_READ);
		if (!bio) {
			unlock_page(page);
			continue;
		}
		bio->bi_iter.bi_sector = swap_page_sector(page);
		bio->bi_end_io = end_swap_bio_read;
		bio_add_page(bio, page, PAGE_SIZE, 0);
	}
	if (bio)
		submit_bio(bio);
}

int swap_readpage(struct page *page)
{
	swap_read_submit(&page, 1);
	if (wait_on_page_locked_killable(page))
		return -EINTR;
	return PageUptodate(page) ? 0 : -EIO;
}
