/*
 * mm/filemap.c - the page cache: a file's data held in page frames, indexed by file offset.
 *
 * Seed concept: file-backed VMAs. read(), write() and a mapping of a file all go through the
 * same pages: page @index of an address_space holds file bytes [index * 4096, +4096). The
 * fault path maps exactly these frames (filemap_fault), so a byte written with write() is seen
 * through a shared mapping and the other way round; a private mapping maps them read-only and
 * copies on the first write (do_cow_fault), leaving the cache - the file - untouched.
 *
 * References: a cached page holds one reference owned by the cache. Everyone who gets a page
 * from here (find_get_page, read_cache_page, filemap_fault through vmf->page) gets one more and
 * drops it with put_page(); a PTE mapping the page keeps the reference the fault path got.
 * Shrinking a file (truncate_pagecache) first unmaps the pages past the new end from every
 * process, then drops the cache's reference: the page leaves the cache (page->mapping = NULL)
 * and is freed when its last user - a caller still copying from it - lets go.
 *
 * Faultline runs one CPU and never preempts kernel code, so the cache needs no lock; the only
 * place that can sleep is a_ops->readpage, after which the slot is checked again.
 */
#include "fs/fs.h"
#include "fs/pagemap.h"
#include "mm/mm_types.h"
#include "mm/memory.h"
#include "mm/vmstat.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "kernel/mutex.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/rmap.h"
#include "mm/lru.h"
#include "fs/mount.h"

/* Pages in all page caches, for /proc/meminfo "Cached:". */
static unsigned long nr_pagecache;

unsigned long nr_pagecache_pages(void)
{
	return nr_pagecache;
}

/*
 * Waiting on a page. A task that finds a page locked (being read in) or under write-back
 * sleeps on one of a few shared queues picked by the page's frame number, as Linux hashes
 * its page wait queues; unlock_page and end_page_writeback wake the queue, and every
 * sleeper checks its own page again.
 */
#define PAGE_WAIT_TABLE_SIZE	16
static struct wait_queue_head page_wait_table[PAGE_WAIT_TABLE_SIZE];

static struct wait_queue_head *page_waitqueue(struct page *page)
{
	struct wait_queue_head *wq = &page_wait_table[page_to_pfn(page) % PAGE_WAIT_TABLE_SIZE];

	if (!wq->head.next)
		init_waitqueue_head(wq);
	return wq;
}

/* wait_on_page_bit_killable - sleep while @bit of @page is set: 0, or -EINTR if killed. */
static int wait_on_page_bit_killable(struct page *page, int bit)
{
	struct wait_queue_head *wq = page_waitqueue(page);

	return wait_event_killable(*wq, !test_page_flag(page, bit));
}

void unlock_page(struct page *page)
{
	clear_page_flag(page, PG_locked);
	wake_up(page_waitqueue(page));
}

int lock_page_killable(struct page *page)
{
	while (PageLocked(page)) {
		int err = wait_on_page_bit_killable(page, PG_locked);

		if (err)
			return err;
	}
	set_page_flag(page, PG_locked);
	return 0;
}

int wait_on_page_locked_killable(struct page *page)
{
	return PageLocked(page) ? wait_on_page_bit_killable(page, PG_locked) : 0;
}

/* --- dirty and write-back state (the tags let write-back find the pages) --- */

bool set_page_dirty(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if (!mapping || PageAnon(page) || !mapping->a_ops || !mapping->a_ops->writepage)
		return false;		/* no backing store: nothing to write back */
	if (PageDirty(page))
		return false;
	if (!xa_marked(&mapping->i_pages, PAGECACHE_TAG_DIRTY) && mapping->host)
		mapping->host->dirtied_when = jiffies;	/* the flusher's clock starts */
	set_page_flag(page, PG_dirty);
	xa_set_mark(&mapping->i_pages, page->index, PAGECACHE_TAG_DIRTY);
	mod_node_page_state(NR_FILE_DIRTY, 1);
	return true;
}

bool clear_page_dirty_for_io(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if (!PageDirty(page))
		return false;
	clear_page_flag(page, PG_dirty);
	mod_node_page_state(NR_FILE_DIRTY, -1);
	if (mapping)
		xa_clear_mark(&mapping->i_pages, page->index, PAGECACHE_TAG_DIRTY);
	return true;
}

void set_page_writeback(struct page *page)
{
	set_page_flag(page, PG_writeback);
	mod_node_page_state(NR_WRITEBACK, 1);
	if (page->mapping)
		xa_set_mark(&page->mapping->i_pages, page->index, PAGECACHE_TAG_WRITEBACK);
}

void end_page_writeback(struct page *page)
{
	clear_page_flag(page, PG_writeback);
	mod_node_page_state(NR_WRITEBACK, -1);
	if (page->mapping)
		xa_clear_mark(&page->mapping->i_pages, page->index, PAGECACHE_TAG_WRITEBACK);
	wake_up(page_waitqueue(page));
	writeback_wake_waiters();
}


int filemap_fdatawrite(struct address_space *mapping)
{
	unsigned long index;
	struct page *page;
	int ret = 0;

	if (!mapping->a_ops || !mapping->a_ops->writepage)
		return 0;
	if (mapping->a_ops->writepages)
		return mapping->a_ops->writepages(mapping);
	xa_for_each_marked(&mapping->i_pages, index, page, PAGECACHE_TAG_DIRTY) {
		int err;

		get_page(page);
		err = lock_page_killable(page);
		if (err) {
			put_page(page);
			return err;
		}
		/* The page may have been truncated or cleaned while we slept. */
		if (page->mapping != mapping || !clear_page_dirty_for_io(page)) {
			unlock_page(page);
			put_page(page);
			continue;
		}
		if (mapping->i_mmap_writable)
			page_mkclean(page);	/* the next write through a mapping faults again */
		err = mapping->a_ops->writepage(page);	/* unlocks the page */
		put_page(page);
		if (err && !ret)
			ret = err;
	}
	return ret;
}

/* filemap_fdatawait_keep_errors - wait for every page of @mapping under write-back, leaving a
 * failed write's error for the next filemap_fdatawait. 0 or -EINTR. */
static int filemap_fdatawait_keep_errors(struct address_space *mapping)
{
	unsigned long index;
	struct page *page;

	xa_for_each_marked(&mapping->i_pages, index, page, PAGECACHE_TAG_WRITEBACK) {
		int err;

		get_page(page);
		err = wait_on_page_writeback_killable(page);
		put_page(page);
		if (err)
			return err;
	}
	return 0;
}

int filemap_fdatawait(struct address_space *mapping)
{
	int err = filemap_fdatawait_keep_errors(mapping);

	if (!err && mapping->wb_err) {
		err = mapping->wb_err;
		mapping->wb_err = 0;
	}
	return err;
}

int filemap_write_and_wait(struct address_space *mapping)
{
	int err = filemap_fdatawrite(mapping);
	int err2 = filemap_fdatawait(mapping);

	return err ? err : err2;
}

/* --- finding, adding and removing pages --- */

/* page_cache_accounted - @page joins (@nr = 1) or leaves (-1) the cache of @mapping: the
 * counts of cached pages and of shmem (whose pages are marked swap-backed). */
static void page_cache_accounted(struct address_space *mapping, struct page *page, long nr)
{
	mapping->nrpages += (unsigned long)nr;
	nr_pagecache += (unsigned long)nr;
	if (PageSwapBacked(page))
		mod_node_page_state(NR_SHMEM, nr);
}

int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index)
{
	int err;

	page->mapping = mapping;
	page->index = index;
	err = xa_insert(&mapping->i_pages, index, page, GFP_KERNEL);
	if (err) {
		page->mapping = NULL;
		return err == -EBUSY ? -EEXIST : err;
	}
	get_page(page);
	if (mapping->swap_backed)
		set_page_flag(page, PG_swapbacked);	/* anonymous LRU lists, RssShmem */
	page_cache_accounted(mapping, page, 1);
	if (mapping_evictable(mapping))
		lru_cache_add(page);
	return 0;
}

int add_to_page_cache_replace(struct page *page, struct address_space *mapping,
			      unsigned long index, void *value)
{
	if (xa_load(&mapping->i_pages, index) != value)
		return -EEXIST;
	xa_store(&mapping->i_pages, index, page, GFP_KERNEL);	/* the slot exists: no allocation */
	page->mapping = mapping;
	page->index = index;
	get_page(page);
	set_page_flag(page, PG_swapbacked);
	page_cache_accounted(mapping, page, 1);
	return 0;
}

/*
 * __delete_from_page_cache - take @page out of its cache, leaving @value (NULL: nothing) in
 * its slot, and drop the cache's reference. The frame lives on while others (PTEs, callers)
 * still hold references.
 */
static void __delete_from_page_cache(struct address_space *mapping, struct page *page, void *value)
{
	if (value)
		xa_store(&mapping->i_pages, page->index, value, GFP_KERNEL);
	else
		xa_erase(&mapping->i_pages, page->index);
	page_cache_accounted(mapping, page, -1);
	page->mapping = NULL;
	clear_page_flag(page, PG_readahead);
	if (PageDirty(page)) {		/* truncated before write-back: the data is gone */
		clear_page_flag(page, PG_dirty);
		mod_node_page_state(NR_FILE_DIRTY, -1);
	}
	put_page(page);
}

static void delete_from_page_cache(struct address_space *mapping, struct page *page)
{
	__delete_from_page_cache(mapping, page, NULL);
}

void delete_from_page_cache_keep(struct page *page, void *value)
{
	__delete_from_page_cache(page->mapping, page, value);
}

struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;

	if (!mapping)
		return NULL;
	page = xa_load(&mapping->i_pages, index);
	if (!page || xa_is_value(page))
		return NULL;			/* none, or a shmem page's swap entry */
	get_page(page);
	return page;
}

/* add_new_page_locked - a new zeroed page, locked, at @index of @mapping, with a reference
 * for the caller: ERR_PTR(-EEXIST) if the slot is taken, ERR_PTR(-ENOMEM). */
static struct page *add_new_page_locked(struct address_space *mapping, unsigned long index)
{
	struct page *page = alloc_page(GFP_PAGECACHE | __GFP_ZERO);
	int err;

	if (!page)
		return ERR_PTR(-ENOMEM);
	set_page_flag(page, PG_locked);
	err = add_to_page_cache(page, mapping, index);
	if (err) {
		put_page(page);
		return ERR_PTR(err);
	}
	return page;
}

struct page *read_cache_page(struct file *file, struct address_space *mapping,
			     unsigned long index, bool *major)
{
	struct page *page;
	int err;

	if (major)
		*major = false;
repeat:
	page = find_get_page(mapping, index);
	if (page) {
		if (PageUptodate(page))
			return page;
		/* Being read in by someone else: wait for the unlock, then judge the result. */
		err = wait_on_page_locked_killable(page);
		if (err) {
			put_page(page);
			return ERR_PTR(err);
		}
		if (PageUptodate(page))
			return page;
		/* Its read failed (or it was truncated meanwhile): drop it and read afresh. */
		if (page->mapping == mapping && !PageLocked(page))
			delete_from_page_cache(mapping, page);
		put_page(page);
		goto repeat;
	}

	/* Inserted locked before the read starts: others find it and wait for it. */
	page = add_new_page_locked(mapping, index);
	if (IS_ERR(page)) {
		if (PTR_ERR(page) == -EEXIST)
			goto repeat;
		return page;
	}
	if (!mapping->a_ops || !mapping->a_ops->readpage) {
		/* No readpage: a zero-filled page is the data (a hole, or a new RAM-backed page). */
		set_page_flag(page, PG_uptodate);
		unlock_page(page);
		return page;
	}
	err = mapping->a_ops->readpage(file, page);
	if (err == 1 && major)
		*major = true;
	if (err >= 0)
		err = wait_on_page_locked_killable(page);
	if (!err && !PageUptodate(page))
		err = -EIO;
	if (err) {
		/* A failed read leaves no page behind for the next reader to trust. The page stays
		 * locked by the I/O if we were interrupted; then the completion unlocks it. */
		if (page->mapping == mapping && !PageLocked(page))
			delete_from_page_cache(mapping, page);
		put_page(page);
		return ERR_PTR(err);
	}
	return page;
}

struct page *grab_cache_page_beyond_eof(struct address_space *mapping, unsigned long index)
{
	struct page *page;

repeat:
	page = find_get_page(mapping, index);
	if (page) {
		if (PageUptodate(page))
			return page;
		put_page(page);		/* being read: read_cache_page waits for it */
		return read_cache_page(NULL, mapping, index, NULL);
	}
	page = add_new_page_locked(mapping, index);
	if (IS_ERR(page)) {
		if (PTR_ERR(page) == -EEXIST)
			goto repeat;
		return page;
	}
	set_page_flag(page, PG_uptodate);
	unlock_page(page);
	return page;
}

struct page *filemap_get_page_ra(struct file *file, unsigned long index, unsigned long req_count,
				 bool *waited)
{
	struct address_space *mapping = file->f_mapping;
	struct page *page;
	int err;

	*waited = false;
	page = find_get_page(mapping, index);
	if (!page) {
		page_cache_sync_readahead(file, index, req_count);
		page = find_get_page(mapping, index);
		if (!page)		/* no read-ahead here, or no memory for it */
			return read_cache_page(file, mapping, index, waited);
	}
	page_cache_async_readahead(file, page, index, req_count);
	if (PageUptodate(page))
		return page;
	*waited = true;
	err = wait_on_page_locked_killable(page);
	if (err) {
		put_page(page);
		return ERR_PTR(err);
	}
	if (PageUptodate(page))
		return page;
	/* Its read-ahead failed: read_cache_page drops it and tries once more, alone. */
	put_page(page);
	return read_cache_page(file, mapping, index, NULL);
}

void truncate_inode_pages(struct address_space *mapping, loff_t start)
{
	unsigned long first, index;
	struct page *page;

	if (!mapping)
		return;
	if (start < 0)
		start = 0;
	first = ((unsigned long)start + PAGE_SIZE - 1) >> PAGE_SHIFT;

	/* The page that straddles @start stays, but its bytes past @start must read as zero
	 * should the file grow again (or be mapped: the tail of the last page is zero). */
	if (start & ~PAGE_MASK) {
		page = find_get_page(mapping, (unsigned long)start >> PAGE_SHIFT);
		if (page) {
			unsigned long off = (unsigned long)start & ~PAGE_MASK;

			memset((char *)page_address(page) + off, 0, PAGE_SIZE - off);
			put_page(page);
		}
	}
	index = first;
	for (page = xa_find(&mapping->i_pages, &index, ~0UL, XA_PRESENT); page;
	     page = xa_find_after(&mapping->i_pages, &index, ~0UL, XA_PRESENT)) {
		if (xa_is_value(page))
			continue;		/* a shmem swap entry: shmem_truncate frees those */
		if (PageLocked(page) || PageWriteback(page)) {
			/* Being read in or written out: its I/O ends by itself (disks answer or
			 * time out), and only then may the page leave. Not killable: the
			 * caller (unlink, truncate, umount) cannot stop half-way. */
			get_page(page);
			while (PageLocked(page) || PageWriteback(page)) {
				wait_on_page_writeback(page);
				__wait_event(*page_waitqueue(page), !PageLocked(page), no_stop, 0);
			}
			if (page->mapping != mapping) {
				put_page(page);
				continue;
			}
			put_page(page);
		}
		delete_from_page_cache(mapping, page);
	}
}

void unmap_mapping_range(struct address_space *mapping, loff_t holebegin)
{
	unsigned long first = (unsigned long)holebegin >> PAGE_SHIFT;
	struct vm_area_struct *vma;

	if (holebegin < 0)
		first = 0;
	/* The VMAs that map the file: its i_mmap list (mm/rmap.h), not every process's VMAs. */
	if (!mapping->i_mmap.next)
		return;				/* never mapped */
	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		unsigned long from;

		if (first >= vma->vm_pgoff + vma_pages(vma))
			continue;
		from = first > vma->vm_pgoff ? first - vma->vm_pgoff : 0;
		zap_page_range(vma, vma->vm_start + (from << PAGE_SHIFT), vma->vm_end);
	}
}

void truncate_pagecache(struct inode *inode, loff_t newsize)
{
	struct address_space *mapping = inode->i_mapping;
	loff_t holebegin = (loff_t)ALIGN_UP((unsigned long)newsize, PAGE_SIZE);

	unmap_mapping_range(mapping, holebegin);
	truncate_inode_pages(mapping, newsize);
}

/*
 * filemap_fault - vm_ops->fault of a mapped page-cache file (Linux's filemap_fault()).
 * Computes vmf->pgoff from the address and the VMA's file offset; a page wholly beyond the end
 * of the file is VM_FAULT_SIGBUS (as on Linux). Otherwise stores the cached page, referenced,
 * in vmf->page, reading it (and the pages around it: mm/readahead.c) first if needed.
 * Returns VM_FAULT_MAJOR if the page was not cached (the disk had to be read) or the fault
 * waited for a read under way (read-ahead's, or another task's), 0 if not, VM_FAULT_OOM without memory, VM_FAULT_SIGBUS on a read error.
 */
vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct file *file = vma->vm_file;
	unsigned long size_pages;
	struct page *page;
	bool major;

	vmf->pgoff = ((vmf->address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	size_pages = ((unsigned long)file->f_inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (vmf->pgoff >= size_pages)
		return VM_FAULT_SIGBUS;

	major = false;
	page = find_get_page(file->f_mapping, vmf->pgoff);
	if (page) {
		/* A hit: the mapping is not random after all; at a marker, read the next window. */
		if (file->f_ra.mmap_miss)
			file->f_ra.mmap_miss--;
		if (!(vma->vm_flags & VM_RAND_READ))
			page_cache_async_readahead(file, page, vmf->pgoff, VM_READAHEAD_PAGES);
	} else {
		/* Not cached: a file on a disk must be read, so the fault is major (Linux's
		 * rule), even if the read is over before we look at the page again. A RAM
		 * file's missing page is a hole: zero-filled, minor. */
		major = file->f_mapping->a_ops && file->f_mapping->a_ops->readpage;
		filemap_mmap_readahead(file, vmf->pgoff, vma->vm_flags);
		page = find_get_page(file->f_mapping, vmf->pgoff);
	}
	if (page && !PageUptodate(page)) {
		/* Being read (by read-ahead, ours or another's): waiting for it makes this fault
		 * major, even if another task started the read (Linux counts the retry). */
		major = true;
		if (wait_on_page_locked_killable(page) || !PageUptodate(page)) {
			put_page(page);
			page = NULL;
		}
	}
	if (!page) {
		bool read;

		page = read_cache_page(file, file->f_mapping, vmf->pgoff, &read);
		major |= read;
	}
	if (IS_ERR(page))
		return PTR_ERR(page) == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	vmf->page = page;
	return major ? VM_FAULT_MAJOR : 0;
}

const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
};

int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}

/* --- reading through the cache, and keeping its dirty and clean pages in bounds --- */

ssize_t generic_file_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	struct inode *inode = file->f_inode;
	unsigned long last_index;
	size_t done = 0;
	int err = 0;

	if (*pos < 0)
		return -EINVAL;
	if (!count || *pos >= inode->i_size)
		return 0;
	/* The last page this read wants, for read-ahead's window (only a hint). */
	last_index = (unsigned long)((*pos + (loff_t)min(count, (size_t)(inode->i_size - *pos)) - 1)
				     >> PAGE_SHIFT);
	while (done < count) {
		loff_t p = *pos + (loff_t)done, size = inode->i_size;
		size_t off = (size_t)p & ~PAGE_MASK, chunk;
		unsigned long index = (unsigned long)p >> PAGE_SHIFT;
		struct page *page;
		unsigned long left;
		bool waited;

		if (p >= size)
			break;
		chunk = min(min(PAGE_SIZE - off, count - done), (size_t)(size - p));
		page = filemap_get_page_ra(file, index, last_index - index + 1, &waited);
		if (IS_ERR(page)) {
			err = (int)PTR_ERR(page);
			break;
		}
		file->f_ra.prev_index = index;
		mark_page_accessed(page);	/* used twice: to the active list (mm/lru.h) */
		left = copy_to_user(buf + done, (char *)page_address(page) + off, chunk);
		put_page(page);
		done += chunk - left;
		if (left) {
			err = -EFAULT;
			break;
		}
		cond_resched();
	}
	if (!done)
		return err;
	*pos += (loff_t)done;
	return (ssize_t)done;
}

/* dirty_limit - page-cache pages that may be dirty or under write-back at once before a
 * writer must wait: a fifth of the free and cached memory (Linux's vm.dirty_ratio = 20).
 * Half of it (vm.dirty_background_ratio = 10) starts write-back without waiting. */
static unsigned long dirty_limit(void)
{
	return (nr_free_pages() + nr_pagecache) / 5;
}

void balance_dirty_pages(struct address_space *mapping)
{
	unsigned long limit = dirty_limit();
	unsigned long dirty = global_node_page_state(NR_FILE_DIRTY);

	if (dirty > limit / 2)
		filemap_fdatawrite(mapping);	/* started: the disk works while we go on */
	writeback_reap();
	if (global_node_page_state(NR_FILE_DIRTY) + global_node_page_state(NR_WRITEBACK) > limit)
		filemap_fdatawait_keep_errors(mapping);	/* throttled until the disk catches up */
}

bool remove_mapping(struct address_space *mapping, struct page *page)
{
	/* The cache's reference and the caller's, and no other: nobody reads or maps it. */
	if (page->mapping != mapping || PageLocked(page) || PageDirty(page) ||
	    PageWriteback(page) || page->_mapcount || page_count(page) != 2)
		return false;
	delete_from_page_cache(mapping, page);
	return true;
}
