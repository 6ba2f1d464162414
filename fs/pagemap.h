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
/* wait_on_page_writeback_killable - wait until @page is not under write-back. 0 or -EINTR. */
int wait_on_page_writeback_killable(struct page *page);
/* filemap_fdatawrite - start write-back of every dirty page of @mapping. 0 or the first -errno. */
int filemap_fdatawrite(struct address_space *mapping);
/* filemap_fdatawait - wait for every page of @mapping under write-back. 0 or -EINTR. */
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
 * balance_dirty_pages - a writer just dirtied a page of @mapping: if more page-cache pages
 * are dirty than the dirty limit (a fifth of free and cached memory), write this mapping's
 * dirty pages back now (Linux throttles the writer the same way), so dirty pages never crowd
 * out the memory that reclaiming clean pages needs.
 */
void balance_dirty_pages(struct address_space *mapping);

/*
 * shrink_page_cache - memory ran out: drop up to @nr clean, unused page-cache pages of mounted
 * disk file systems (they can be read back). Never sleeps. Returns how many were freed. (The
 * reclaim issue replaces this with LRU lists, kswapd and reverse mapping.)
 */
unsigned long shrink_page_cache(unsigned long nr);

/* filemap_fault - vm_ops->fault of a page-cache file (mm/filemap.c). */
vm_fault_t filemap_fault(struct vm_fault *vmf);

#endif
