/*
 * fs/pagemap.h - page-cache functions beyond those in fs/fs.h (Linux's linux/pagemap.h and
 * mm.h): shrinking a mapped file, how much memory the cache holds, the page lock, and the
 * dirty and write-back state that write-back works from.
 * All are in mm/filemap.c.
 */
#ifndef FAULTLINE_FS_PAGEMAP_H
#define FAULTLINE_FS_PAGEMAP_H

#include "fs/fs.h"
#include "mm/mm_types.h"

/* nr_pagecache_pages - pages currently in some file's page cache (/proc/meminfo "Cached:"). */
unsigned long nr_pagecache_pages(void);

/*
 * unmap_mapping_range - remove from every process's page tables the pages of @mapping from
 * byte @holebegin (rounded down to its page) to the end of the file: shared mappings and
 * private copies alike, as Linux's unmap_mapping_range(..., even_cows = 1). The next access
 * faults and finds the file as it is now.
 */
void unmap_mapping_range(struct address_space *mapping, loff_t holebegin);

/*
 * truncate_pagecache - the page-cache side of shrinking @inode to @newsize (i_size is already
 * set): unmap the pages past the new end from every process, then drop them from the cache
 * (the last partial page stays, its tail zeroed). A later access beyond the end is SIGBUS.
 */
void truncate_pagecache(struct inode *inode, loff_t newsize);

/*
 * Page lock (PG_locked): a page is inserted into its cache locked, before its read starts,
 * and unlocked when the read ends (PG_uptodate set if it worked). Others who find it wait.
 */
/* unlock_page - clear PG_locked and wake the tasks waiting on @page. */
void unlock_page(struct page *page);
/* lock_page_killable - wait until @page is unlocked, then lock it. 0, or -EINTR if killed. */
int lock_page_killable(struct page *page);
/* wait_on_page_locked_killable - wait until @page is unlocked (without locking it). 0 or -EINTR. */
int wait_on_page_locked_killable(struct page *page);

/*
 * Dirty and write-back state, with Linux's meanings: PG_dirty = the page differs from its
 * backing store (tagged PAGECACHE_TAG_DIRTY in the cache); PG_writeback = it is being written
 * there (PAGECACHE_TAG_WRITEBACK). Pages of a cache with no ->writepage (ramfs, shmem without
 * swap) have nowhere to go and are never marked dirty.
 */
/* set_page_dirty - mark @page (in a page cache) dirty and tag it. True if it was clean. */
bool set_page_dirty(struct page *page);
/* clear_page_dirty_for_io - write-back is about to write locked @page: clear PG_dirty and the
 * tag. True if it was dirty (then the caller must write it). */
bool clear_page_dirty_for_io(struct page *page);
/* set_page_writeback / end_page_writeback - the write of @page starts / has ended (the end
 * wakes those waiting for it). */
void set_page_writeback(struct page *page);
void end_page_writeback(struct page *page);
/*
 * Asynchronous write-back (mm/page-writeback.c):
 * end_bio_writeback - bi_end_io of a write-back bio (in the disk's interrupt): queue it for
 *	writeback_reap and wake the flusher.
 * writeback_reap - in a task: end the write-back of the pages of every finished bio (a
 *	failed write is logged and recorded in mapping->wb_err).
 * writeback_reap_pending - are finished bios waiting for writeback_reap?
 * writeback_wake_waiters - a page's write-back ended: wake those waiting for one.
 * wait_on_page_writeback_killable - wait until @page is not under write-back, reaping as it
 *	goes. 0 or -EINTR. wait_on_page_writeback - the same, not killable (truncate).
 */
struct bio;
void end_bio_writeback(struct bio *bio);
void writeback_reap(void);
bool writeback_reap_pending(void);
void writeback_wake_waiters(void);
int wait_on_page_writeback_killable(struct page *page);
void wait_on_page_writeback(struct page *page);
/* filemap_fdatawrite - start write-back of every dirty page of @mapping (without waiting for
 * the disk). 0 or the first -errno. */
int filemap_fdatawrite(struct address_space *mapping);
/* filemap_fdatawait - wait for every page of @mapping under write-back. 0, -EINTR, or the
 * error of a write-back that failed since the last call (-EIO, reported once). */
int filemap_fdatawait(struct address_space *mapping);
/* filemap_write_and_wait - both: the pages dirty now are on the backing store on return. */
int filemap_write_and_wait(struct address_space *mapping);

/*
 * generic_file_read - f_op->read of a file whose data is its page cache read in by
 * a_ops->readpage: copy from *@pos up to the end of the file. Returns the bytes copied (0 at
 * the end), or if none: -EINVAL, -EFAULT, -EIO, -ENOMEM, -EINTR.
 */
ssize_t generic_file_read(struct file *file, char __user *buf, size_t count, loff_t *pos);

/*
 * balance_dirty_pages - a writer just dirtied a page of @mapping. Above the background limit
 * (a tenth of free and cached memory dirty) it starts this mapping's write-back without
 * waiting; above the dirty limit (a fifth dirty or under write-back) it also waits for that
 * write-back (Linux throttles the writer the same way), so dirty pages never crowd out the
 * memory that reclaiming clean pages needs.
 */
void balance_dirty_pages(struct address_space *mapping);

/*
 * remove_mapping - reclaim drops page-cache @page of @mapping, which it holds with a
 * reference: only if the page is clean, unlocked, not under write-back, unmapped, and held by
 * nobody but the cache and the caller (no read() copying from it). True if it was dropped (the
 * caller's reference is then the last). Never sleeps.
 */
bool remove_mapping(struct address_space *mapping, struct page *page);

/* mapping_evictable - may @mapping's pages leave memory (and so go on the LRU lists, mm/lru.h)?
 * A disk file's (read again from the file), and shmem's (to swap, as anonymous pages: they go
 * on the anonymous lists). ramfs pages have no backing store (Linux puts them on its
 * unevictable list). */
static inline bool mapping_evictable(const struct address_space *mapping)
{
	return (mapping->a_ops && mapping->a_ops->readpage) || mapping->swap_backed;
}

/*
 * grab_cache_page_beyond_eof - page @index of @mapping for a write, when the page lies wholly
 * at or beyond the end of the file: its bytes are zeros, so a new page is added zeroed and up
 * to date without reading the disk (Linux's write_begin does not read blocks it will fill).
 * Referenced, or ERR_PTR(-ENOMEM/-EIO/-EINTR).
 */
struct page *grab_cache_page_beyond_eof(struct address_space *mapping, unsigned long index);

/*
 * add_to_page_cache - put the new @page (locked, with the caller's reference) at @index of
 * @mapping; the cache takes a reference of its own, and a disk file's page goes on the
 * inactive file LRU list. 0, -EEXIST if the slot is taken, or -ENOMEM (nothing changed).
 */
int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index);

/*
 * Shared anonymous memory going to swap and coming back (mm/shmem.c): the page's slot in its
 * cache holds its swap entry, as a value entry, while the page is out.
 * delete_from_page_cache_keep - @page (locked out by the caller: unmapped, not under I/O)
 *	leaves its cache, which drops its reference; its slot holds @value instead.
 * add_to_page_cache_replace - @page, back from swap and already on an LRU list, takes slot
 *	@index of @mapping, which must still hold @value; the cache takes a reference. 0, or
 *	-EEXIST if the slot holds something else now.
 */
void delete_from_page_cache_keep(struct page *page, void *value);
int add_to_page_cache_replace(struct page *page, struct address_space *mapping,
			      unsigned long index, void *value);

/*
 * filemap_get_page_ra - page @index of @file, up to date and referenced, reading it (and
 * ahead of it, through @file's read-ahead state: mm/readahead.c) if it is not cached.
 * @req_count is how many pages the caller will read from @index on. *@waited is set if the
 * page was not up to date, so that the caller waited for the disk (a fault that did so is
 * major). ERR_PTR(-ENOMEM/-EIO/-EINTR) on failure.
 */
struct page *filemap_get_page_ra(struct file *file, unsigned long index, unsigned long req_count,
				 bool *waited);

/*
 * Read-ahead (mm/readahead.c, Linux's on-demand read-ahead in miniature).
 * page_cache_sync_readahead - a reader of @file missed the cache at @index and wants
 *	@req_count pages: read them and, if the reads look sequential, a window beyond.
 * page_cache_async_readahead - a reader reached @page, marked PG_readahead: start the next
 *	window (without waiting for it).
 * filemap_mmap_readahead - a fault at @pgoff of a mapping missed the cache: read around it
 *	(Linux's do_sync_mmap_readahead), unless the mapping said MADV_RANDOM (@vm_flags).
 */
#define VM_READAHEAD_PAGES	32	/* Linux's default window: read_ahead_kb = 128 */
void page_cache_sync_readahead(struct file *file, unsigned long index, unsigned long req_count);
void page_cache_async_readahead(struct file *file, struct page *page, unsigned long index,
				unsigned long req_count);
void filemap_mmap_readahead(struct file *file, unsigned long pgoff, unsigned long vm_flags);

/* filemap_fault - vm_ops->fault of a page-cache file (mm/filemap.c). */
vm_fault_t filemap_fault(struct vm_fault *vmf);

#endif
