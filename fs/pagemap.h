/*
 * fs/pagemap.h - page-cache functions beyond those in fs/fs.h (Linux's linux/pagemap.h and
 * mm.h): shrinking a mapped file, and how much memory the cache holds.
 * All are in mm/filemap.c.
 */
#ifndef FAULTLINE_FS_PAGEMAP_H
#define FAULTLINE_FS_PAGEMAP_H

#include "fs/fs.h"

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

#endif
