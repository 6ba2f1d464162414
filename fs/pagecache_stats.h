/*
 * fs/pagecache_stats.h - how much memory the page cache holds (mm/filemap.c keeps the count).
 */
#ifndef FAULTLINE_FS_PAGECACHE_STATS_H
#define FAULTLINE_FS_PAGECACHE_STATS_H

/* nr_pagecache_pages - pages currently in some file's page cache (/proc/meminfo "Cached:"). */
unsigned long nr_pagecache_pages(void);

#endif
