/*
 * mm/readahead.c - reading a file before it is asked for (Linux's mm/readahead.c, on-demand
 * read-ahead, in miniature).
 *
 * A disk answers one large request almost as fast as one small one, so a reader that goes
 * through a file in order should not wait for it a page at a time. Each open file keeps a
 * window (struct file_ra_state): pages [start, start + size) have been asked of the disk, and
 * the page at start + size - async_size carries PG_readahead. The reader that reaches that
 * page starts the next window and goes on with this one, so one window is always in flight
 * ahead of it:
 *
 *   read() at page 0, 16 pages wanted:   window 0..31, marker on 16        (sync: a miss)
 *   read() reaches page 16 (marked):     window 32..63, marker on 32       (async)
 *   read() reaches page 32 (marked):     window 64..95, marker on 64 ...   (async)
 *
 * Windows start at 4, 2 or 1 times the request rounded to a power of two and double up to
 * VM_READAHEAD_PAGES (32 pages = 128 KiB, Linux's default read_ahead_kb). A read that does not
 * follow the previous one reads only what it asked for.
 *
 * Mappings fault one page at a time and give no request size: a fault that misses the cache
 * reads the 32 pages around it (Linux's "read-around": 16 before, 15 after, marker 8 from
 * the end), unless the mapping has missed the cache more than 100 times more often than it
 * hit (random access: read-around would only waste the disk), or said MADV_RANDOM.
 *
 * What it changes in the counts: read() never faults. A fault is major (ru_majflt, and
 * /proc/vmstat pgmajfault) when its page was not cached, or was still being read so that the
 * fault waited for it (Linux counts that one through its fault retry). A mapping read in
 * order misses the cache once: that fault reads around, the fault on the marked page starts
 * the next window, and the fault on that window's first page is major only if the disk has
 * not finished it yet - at most one major fault per 32-page window instead of one per page.
 * 64 MiB read through a mapping: Linux 6.1 counts 515 (its reads are slower than the reader);
 * Faultline counts between 1 and 512, depending on how fast the disk answers.
 *
 * The pages of a window are inserted locked before their reads start (the page-cache
 * protocol: others find them and wait); the file system's ->readahead starts the I/O and
 * the I/O's completion unlocks each page. Nothing here waits for the disk, and a window that
 * cannot get memory just ends early: read-ahead is a hint, the reader reads what is missing.
 */
#include "fs/fs.h"
#include "fs/pagemap.h"
#include "mm/mm_types.h"
#include "mm/page_alloc.h"
#include "kernel/lib/xarray.h"

#define MMAP_LOTSAMISS	100

/* get_init_ra_size - the first window for a request of @size pages (Linux's rule). */
static unsigned long get_init_ra_size(unsigned long size, unsigned long max)
{
	unsigned long newsize = 1;

	while (newsize < size)
		newsize <<= 1;
	if (newsize <= max / 32)
		newsize *= 4;
	else if (newsize <= max / 4)
		newsize *= 2;
	else
		newsize = max;
	return newsize < max ? newsize : max;
}

/* get_next_ra_size - the window after one of ra->size pages: it grows fourfold while small,
 * then doubles, up to @max. */
static unsigned long get_next_ra_size(const struct file_ra_state *ra, unsigned long max)
{
	unsigned long cur = ra->size;

	if (cur < max / 16)
		return 4 * cur;
	if (cur <= max / 2)
		return 2 * cur;
	return max;
}

/* read_pages - hand @nr new locked pages of @mapping to the file system, then drop the
 * references read-ahead held on them (the cache keeps its own). */
static void read_pages(struct address_space *mapping, struct file *file, struct page **pages,
		       unsigned int nr)
{
	const struct address_space_operations *aops = mapping->a_ops;

	if (!nr)
		return;
	if (aops->readahead) {
		aops->readahead(file, pages, nr);
	} else {
		/* A failed page is left unlocked and not uptodate: its reader tries again. */
		for (unsigned int i = 0; i < nr; i++)
			(void)aops->readpage(file, pages[i]);
	}
	for (unsigned int i = 0; i < nr; i++)
		put_page(pages[i]);
}

/*
 * do_page_cache_ra - read pages [@index, @index + @nr) of @file that are not cached, up to
 * the end of the file, and mark the page @lookahead before the end of the range PG_readahead
 * (none if @lookahead is 0). Cached pages are skipped; a run of missing pages becomes one
 * ->readahead call.
 */
static void do_page_cache_ra(struct file *file, unsigned long index, unsigned long nr,
			     unsigned long lookahead)
{
	struct address_space *mapping = file->f_mapping;
	loff_t size = file->f_inode->i_size;
	struct page *batch[VM_READAHEAD_PAGES];
	unsigned long end_index, i;
	unsigned int n = 0;

	if (size <= 0 || nr == 0)
		return;
	end_index = (unsigned long)(size - 1) >> PAGE_SHIFT;
	if (index > end_index)
		return;
	if (nr > VM_READAHEAD_PAGES)
		nr = VM_READAHEAD_PAGES;
	if (nr > end_index - index + 1)
		nr = end_index - index + 1;
	for (i = 0; i < nr; i++) {
		struct page *page;

		if (xa_load(&mapping->i_pages, index + i)) {
			read_pages(mapping, file, batch, n);	/* a cached page ends a run */
			n = 0;
			continue;
		}
		page = alloc_page(__GFP_NORETRY);	/* a guess: no reclaim for it, a failure ends it */
		if (!page)
			break;
		set_page_flag(page, PG_locked);
		if (add_to_page_cache(page, mapping, index + i)) {
			put_page(page);
			break;
		}
		if (lookahead && i == nr - lookahead)
			set_page_flag(page, PG_readahead);
		batch[n++] = page;
	}
	read_pages(mapping, file, batch, n);
}

/*
 * ondemand_readahead - choose the window for a read of @req_count pages at @index of @file
 * and read it (Linux's ondemand_readahead). @hit_marker: the reader reached a PG_readahead
 * page (async) rather than missing the cache (sync).
 */
static void ondemand_readahead(struct file *file, bool hit_marker, unsigned long index,
			       unsigned long req_count)
{
	struct file_ra_state *ra = &file->f_ra;
	unsigned long max = VM_READAHEAD_PAGES;

	if (!req_count)
		req_count = 1;
	if (!index)
		goto initial;
	/* The expected next step: at the marker or just past the window. Ramp up. */
	if (ra->size && (index == ra->start + ra->size - ra->async_size ||
			 index == ra->start + ra->size)) {
		ra->start += ra->size;
		ra->size = get_next_ra_size(ra, max);
		ra->async_size = ra->size;
		goto readit;
	}
	/* A marker of a window this state no longer describes (another reader of the file, or
	 * a seek back): read on from the first page not cached. */
	if (hit_marker) {
		unsigned long start = index + 1;

		while (start < index + max && xa_load(&file->f_mapping->i_pages, start))
			start++;
		if (start >= index + max)
			return;
		ra->start = start;
		ra->size = start - index + req_count;
		ra->size = get_next_ra_size(ra, max);
		ra->async_size = ra->size;
		goto readit;
	}
	if (req_count > max)
		goto initial;
	/* Sequential with the last read (the same page again, or the next one). */
	if (index - ra->prev_index <= 1)
		goto initial;
	/* Random: just what was asked for. */
	do_page_cache_ra(file, index, req_count, 0);
	return;

initial:
	ra->start = index;
	ra->size = get_init_ra_size(req_count, max);
	ra->async_size = ra->size > req_count ? ra->size - req_count : ra->size;
readit:
	/* A window this read will consume entirely would mark its own first page: fold the
	 * next window into this one instead. */
	if (!hit_marker && index == ra->start && ra->size == ra->async_size) {
		unsigned long add = get_next_ra_size(ra, max);

		if (ra->size + add <= max) {
			ra->async_size = add;
			ra->size += add;
		} else {
			ra->size = max;
			ra->async_size = max / 2;
		}
	}
	do_page_cache_ra(file, ra->start, ra->size, ra->async_size);
}

void page_cache_sync_readahead(struct file *file, unsigned long index, unsigned long req_count)
{
	if (!file->f_mapping->a_ops || !file->f_mapping->a_ops->readpage)
		return;
	ondemand_readahead(file, false, index, req_count);
}

void page_cache_async_readahead(struct file *file, struct page *page, unsigned long index,
				unsigned long req_count)
{
	if (!PageReadahead(page))
		return;
	clear_page_flag(page, PG_readahead);
	if (!file->f_mapping->a_ops || !file->f_mapping->a_ops->readpage)
		return;
	ondemand_readahead(file, true, index, req_count);
}

void filemap_mmap_readahead(struct file *file, unsigned long pgoff, unsigned long vm_flags)
{
	struct file_ra_state *ra = &file->f_ra;
	unsigned long max = VM_READAHEAD_PAGES;

	if (vm_flags & VM_RAND_READ)
		return;
	if (!file->f_mapping->a_ops || !file->f_mapping->a_ops->readpage)
		return;
	if (vm_flags & VM_SEQ_READ) {
		page_cache_sync_readahead(file, pgoff, max);
		return;
	}
	if (ra->mmap_miss < MMAP_LOTSAMISS * 10)
		ra->mmap_miss++;
	if (ra->mmap_miss > MMAP_LOTSAMISS)
		return;
	ra->start = pgoff > max / 2 ? pgoff - max / 2 : 0;
	ra->size = max;
	ra->async_size = max / 4;
	do_page_cache_ra(file, ra->start, ra->size, ra->async_size);
}
