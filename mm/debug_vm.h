/*
 * mm/debug_vm.h - the memory system's consistency checker (/proc/mmcheck).
 */
#ifndef FAULTLINE_DEBUG_VM_H
#define FAULTLINE_DEBUG_VM_H

#include "kernel/types.h"

/*
 * mm_check_consistency - recount, from the page tables of every live mm and from the page
 * cache, what every frame's _refcount and _mapcount, every mm's rss counters and page-table
 * bytes, and the free lists should be, and compare. Writes a report into @buf (@size bytes):
 * first line "mmcheck: ok ..." or "mmcheck: FAILED N problems", then one line per problem
 * (the first few). Returns the report's length.
 */
size_t mm_check_consistency(char *buf, size_t size);

#endif
