/*
 * mm/rmap.h - reverse mapping: from a page to every PTE that maps it (Linux's rmap).
 *
 * Seed concept: to evict a page the kernel must find and change every page-table entry that
 * points to it. Linux does this object-based: a page names the object it belongs to and its
 * offset there, the object lists the VMAs that map it, and each VMA turns the offset back into
 * an address (vma_address). Faultline does the same, in two halves:
 *
 *   File and shmem pages: page->mapping is the address_space, page->index the page offset in
 *   the file. Each address_space keeps the VMAs that map it on its i_mmap list (Linux keeps an
 *   interval tree; a list is enough here): vma_link_file() puts a VMA there when mmap creates
 *   it and when vm_area_dup() copies it (fork, split, mremap), unlink_file_vma() takes it off
 *   when vm_area_free() frees it (munmap, exit, merge).
 *
 *   Anonymous pages: page->anon_vma (a field of its own, beside page->mapping, which stays NULL
 *   for anonymous pages; PG_anon says which applies) is the anon_vma of the VMA family the page
 *   was created in, and page->index its linear page offset: vma->vm_pgoff + (address -
 *   vm_start) / PAGE_SIZE, where an anonymous VMA starts with vm_pgoff = vm_start >> PAGE_SHIFT
 *   as in Linux, split keeps the offsets of both halves, mremap carries them to the new address.
 *
 * The linking scheme (simpler than Linux's anon_vma_chain, as Linux 2.6.0 - 2.6.33 did it):
 * one anon_vma per family. A VMA gets an anon_vma at its first anonymous page
 * (anon_vma_prepare). Every VMA copied from it - fork's child copy, either half of a split,
 * mremap's moved copy - joins the SAME anon_vma (anon_vma_clone, called from vm_area_dup), so
 * a page can only ever be mapped by VMAs on its anon_vma's list. Merging two VMAs needs equal
 * anon_vmas (or one of them none, and then the survivor adopts the other's: anon_vma_merge)
 * and contiguous vm_pgoff, so page->index stays valid in the merged VMA. The anon_vma counts
 * its VMAs and is freed when the last one is freed; a page keeps its anon_vma only while
 * mapped (page_remove_rmap clears it at map count 0; do_swap_page sets it again), so a page
 * left in the swap cache never points to a freed anon_vma. The price, as in old Linux: the
 * walk of a page forked many times visits every VMA of the family, including those that COWed
 * their own copy (the PTE check skips them).
 *
 * page->_mapcount is the number of PTEs that map the page (0: unmapped; Linux stores it minus
 * one). Every place that makes a PTE point to a counted page calls one of the "add" functions,
 * and every place that removes such a PTE calls page_remove_rmap(), so the count is exact: the
 * consistency checker (mm/debug_vm.c) recounts it from the page tables, and checks that each
 * mapping is reachable through the reverse map (rmap_check_mapping).
 *
 * No locks: the kernel runs one task at a time and none of these functions sleeps (except
 * anon_vma_prepare's allocation), so a walk sees the lists and page tables unchanged.
 */
#ifndef FAULTLINE_RMAP_H
#define FAULTLINE_RMAP_H

#include "mm/mm_types.h"
#include "mm/page.h"

/* struct anon_vma - the object anonymous pages of one VMA family belong to. */
struct anon_vma {
	int refcount;			/* VMAs on vmas (the anon_vma goes with the last) */
	struct list_head vmas;		/* vm_area_struct.anon_vma_node of each VMA of the family */
};

/* anon_vma_prepare - give @vma an anon_vma before its first anonymous page is mapped: a
 * neighbour's, if the two could merge (Linux's find_mergeable_anon_vma), else a new one.
 * 0, or -ENOMEM. */
int anon_vma_prepare(struct vm_area_struct *vma);

/* anon_vma_clone - @dst, a fresh copy of @src (vm_area_dup: fork, split, mremap), joins
 * @src's anon_vma (if any). Also resets @dst's copied list links. Cannot fail. */
void anon_vma_clone(struct vm_area_struct *dst, const struct vm_area_struct *src);

/* unlink_anon_vmas - @vma is being freed: it leaves its anon_vma, which is freed if it was the
 * last VMA of the family. */
void unlink_anon_vmas(struct vm_area_struct *vma);

/* is_mergeable_anon_vma - may @a and @b (adjacent, otherwise compatible) become one VMA as far
 * as their anonymous pages go: same anon_vma, or at most one of them has one. */
bool is_mergeable_anon_vma(const struct vm_area_struct *a, const struct vm_area_struct *b);

/* anon_vma_merge - @gone is being merged into @keep: if only @gone had an anon_vma, @keep
 * joins it (its pages move into @keep's range). Call before vm_area_free(@gone). */
void anon_vma_merge(struct vm_area_struct *keep, struct vm_area_struct *gone);

/* vma_rmap_mapping - the address_space whose i_mmap @vma belongs on: the mapped file's, the
 * shmem object's, or NULL (private anonymous memory, a device without a page cache). */
struct address_space *vma_rmap_mapping(const struct vm_area_struct *vma);

/* vma_link_file - put @vma (with its backing set: after ->mmap, or a vm_area_dup copy) on
 * its mapping's i_mmap list. Resets the link first, so a copied VMA may be passed. */
void vma_link_file(struct vm_area_struct *vma);

/* unlink_file_vma - take @vma off its mapping's i_mmap (if it is on one). */
void unlink_file_vma(struct vm_area_struct *vma);

/* page_add_new_anon_rmap - @page, not mapped anywhere (new, or back from swap), is mapped at
 * @address of @vma, which has an anon_vma: the page belongs to it, at its linear offset, with
 * one mapping. */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address);

/* page_add_file_rmap - one more PTE maps page-cache @page. */
void page_add_file_rmap(struct page *page);

/* page_dup_rmap - fork copied a PTE mapping @page (anonymous or file) into the child. */
void page_dup_rmap(struct page *page);

/* page_remove_rmap - one PTE mapping @page is gone. A count going below zero is reported. At
 * zero an anonymous page forgets its anon_vma (which may go away while it sits on swap). */
void page_remove_rmap(struct page *page);

/* vma_address - the address at which @vma would map @page (by page->index and vm_pgoff), or
 * 0 if @page's offset lies outside @vma. */
unsigned long vma_address(const struct page *page, const struct vm_area_struct *vma);

/*
 * struct rmap_walk_control - what rmap_walk does at each mapping. rmap_one is called with the
 * VMA, the address and the present PTE that maps the page there; it returns false to stop the
 * walk. (Linux passes only vma and address and lets rmap_one find the PTE with
 * page_vma_mapped_walk; here the walk finds it once, for every caller.)
 */
struct rmap_walk_control {
	void *arg;
	bool (*rmap_one)(struct page *page, struct vm_area_struct *vma, unsigned long address,
			 pte_t *ptep, void *arg);
};

/* rmap_walk - call @rwc->rmap_one for each (VMA, address, PTE) that maps @page: through its
 * anon_vma if anonymous, else through page->mapping's i_mmap. A page no PTE maps is not
 * walked. Returns false if rmap_one stopped the walk. */
bool rmap_walk(struct page *page, const struct rmap_walk_control *rwc);

/*
 * page_referenced - how many of the PTEs mapping @page have the Accessed bit set; clears each
 * (and flushes the TLB entry, where it is the current mm's), so the next call counts only
 * accesses made in between. For reclaim's aging (Linux's folio_referenced).
 */
int page_referenced(struct page *page);

/*
 * try_to_unmap - remove every PTE that maps @page (the caller holds a reference). Anonymous
 * pages must be in the swap cache: each PTE becomes the page's swap entry (one more swap count
 * each: swap_duplicate), the mm's counters move from anon to swap entries. File and shmem
 * pages simply lose their PTEs, a PTE's dirty bit moving to the page first (set_page_dirty).
 * Each removed PTE drops its page reference. Returns true if no PTE maps @page afterwards;
 * false for an anonymous page not in the swap cache, or if a swap count could not be taken;
 * false, every PTE kept, if a VM_LOCKED VMA maps it (mlock: locked pages are never reclaimed).
 */
bool try_to_unmap(struct page *page);

/*
 * page_mkclean - write-back is about to write page-cache @page: make every PTE of a shared
 * mapping that maps it read-only and clean, so that a write after the write-back faults
 * (page_mkwrite) and dirties the page again. Returns how many PTEs it changed.
 */
int page_mkclean(struct page *page);

/*
 * rmap_check_mapping - for the consistency checker: is the PTE at @address of @vma, which maps
 * @page, reachable through the reverse map (the right object, @vma on its list, @address =
 * vma_address)? NULL if so, else what is wrong.
 */
const char *rmap_check_mapping(const struct page *page, const struct vm_area_struct *vma,
			       unsigned long address);

/* anon_vma_check - for the consistency checker: is @vma on its anon_vma's list, and does the
 * anon_vma's count equal its list's length? NULL if so (or no anon_vma), else what is wrong. */
const char *anon_vma_check(const struct vm_area_struct *vma);

#endif
