/*
 * mm/rmap.h - who maps a page: the map count and the counters that follow it (Linux's rmap).
 *
 * page->_mapcount is the number of PTEs that map the page (0: unmapped; Linux stores it minus
 * one). Every place that makes a PTE point to a counted page calls one of the "add" functions,
 * and every place that removes such a PTE calls page_remove_rmap(), so the count is exact: the
 * consistency checker (mm/debug_vm.c) recounts it from the page tables. The reverse links from
 * a page to the PTEs themselves (anon_vma, i_mmap) come with reclaim.
 */
#ifndef FAULTLINE_RMAP_H
#define FAULTLINE_RMAP_H

#include "mm/mm_types.h"
#include "mm/page.h"

/* page_add_new_anon_rmap - @page, just allocated, is mapped at @address of @vma: it becomes
 * an anonymous page with one mapping. */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address);

/* page_add_file_rmap - one more PTE maps page-cache @page. */
void page_add_file_rmap(struct page *page);

/* page_dup_rmap - fork copied a PTE mapping @page (anonymous or file) into the child. */
void page_dup_rmap(struct page *page);

/* page_remove_rmap - one PTE mapping @page is gone. A count going below zero is reported. */
void page_remove_rmap(struct page *page);

/*
 * page_mkclean - write-back is about to write page-cache @page: make every PTE of a shared
 * mapping that maps it read-only and clean, so that a write after the write-back faults
 * (page_mkwrite) and dirties the page again. Returns how many PTEs it changed.
 */
int page_mkclean(struct page *page);

#endif
