/*
 * mm/page-writeback.c - where a page's write-back ends (Linux's end_page_writeback path, with
 * its bio completion moved out of the interrupt as Linux's softirq and kworkers do).
 *
 * Write-back starts the writes and goes on: ext2_writepages gathers dirty pages into bios,
 * marks each page PG_writeback and submits, and neither the writer that crossed the dirty
 * limit nor the flusher waits for the disk (under QEMU's -icount the disk then works while
 * the CPU does, as on real hardware). The disk's interrupt cannot end the write-back itself:
 * end_page_writeback changes the page cache's tags and the vmstat counters, which the
 * interrupted task may be changing too. So the interrupt only queues the finished bio here
 * and wakes the flusher thread; writeback_reap() ends the write-back of its pages in a task:
 * the flusher's, or that of anyone who waits for a page's write-back (fsync, truncate), who
 * reaps first and so never waits on a thread that is not running.
 *
 * A write that failed cannot be given to the writer any more: the page's file records
 * -EIO (mapping->wb_err), logged as Linux's "lost async page write", and the next fsync or
 * msync(MS_SYNC) of the file reports it (filemap_fdatawait), once.
 */
#include "fs/fs.h"
#include "fs/pagemap.h"
#include "fs/mount.h"
#include "drivers/block/blkdev.h"
#include "mm/page.h"
#include "kernel/wait.h"
#include "kernel/mutex.h"
#include "kernel/printk.h"
#include "kernel/io.h"

static LIST_HEAD(wb_done_list);			/* finished write-back bios (bi_list) */
static DECLARE_WAIT_QUEUE_HEAD(wb_done_wait);	/* their waiters: see writeback_reap */

void end_bio_writeback(struct bio *bio)
{
	unsigned long flags = local_irq_save();

	list_add_tail(&bio->bi_list, &wb_done_list);
	local_irq_restore(flags);
	wake_up(&wb_done_wait);
	wakeup_flusher_reap();
}

bool writeback_reap_pending(void)
{
	return !list_empty(&wb_done_list);
}

void writeback_reap(void)
{
	for (;;) {
		unsigned long flags = local_irq_save();
		struct bio *bio = list_empty(&wb_done_list) ? NULL :
				  list_first_entry(&wb_done_list, struct bio, bi_list);

		if (bio)
			list_del_init(&bio->bi_list);
		local_irq_restore(flags);
		if (!bio)
			return;
		for (unsigned int i = 0; i < bio->bi_vcnt; i++) {
			struct page *page = bio->bi_io_vec[i].bv_page;
			struct address_space *mapping = page->mapping;

			if (bio->bi_status) {
				pr_err("%s: lost async page write (page %lu, %d)\n",
				       bio->bi_bdev->bd_name, page->index, bio->bi_status);
				if (mapping)
					mapping->wb_err = bio->bi_status;
			}
			end_page_writeback(page);
		}
		bio_put(bio);
	}
}

void writeback_wake_waiters(void)
{
	wake_up(&wb_done_wait);
}

int wait_on_page_writeback_killable(struct page *page)
{
	for (;;) {
		writeback_reap();
		if (!PageWriteback(page))
			return 0;
		if (wait_event_killable(wb_done_wait,
					writeback_reap_pending() || !PageWriteback(page)))
			return -EINTR;
	}
}

void wait_on_page_writeback(struct page *page)
{
	for (;;) {
		writeback_reap();
		if (!PageWriteback(page))
			return;
		__wait_event(wb_done_wait, writeback_reap_pending() || !PageWriteback(page),
			     no_stop, 0);
	}
}
