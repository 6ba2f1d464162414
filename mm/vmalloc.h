/*
 * mm/vmalloc.h - virtually contiguous, physically scattered kernel memory.
 */
#ifndef FAULTLINE_VMALLOC_H
#define FAULTLINE_VMALLOC_H

#include "kernel/types.h"
#include "kernel/list.h"

struct page;

/* One vmalloc area: [addr, addr + size) of which the last page is the unmapped guard. */
struct vm_struct {
	struct list_head list;		/* in vmap_area_list, sorted by address */
	unsigned long addr;
	unsigned long size;		/* including the guard page */
	struct page **pages;		/* the backing frames, nr_pages of them */
	unsigned int nr_pages;
};

/* vmalloc_init - set up the (empty) vmalloc area. */
void vmalloc_init(void);

/*
 * vmalloc - allocate @size bytes (rounded up to pages) of virtually contiguous memory in the
 * vmalloc area, each page an independent order-0 frame. An unmapped guard page follows it,
 * and the page below it is never mapped either (what a downward-growing stack needs).
 * Returns NULL for size 0 or when memory (frames, page tables or address space) runs out;
 * nothing is leaked on failure.
 */
void *vmalloc(unsigned long size);

/* vzalloc - vmalloc, zeroed. */
void *vzalloc(unsigned long size);

/*
 * vfree - unmap and free an area from vmalloc, invalidating its TLB entries. vfree(NULL) does
 * nothing; an address that does not start an area is reported and ignored.
 */
void vfree(const void *addr);

/* find_vm_area - the area containing @addr (its guard page included), or NULL. */
struct vm_struct *find_vm_area(const void *addr);

/* vmalloc_to_page - the frame backing vmalloc address @addr, or NULL. */
struct page *vmalloc_to_page(const void *addr);

/* vmalloc_nr_pages - frames currently held by all vmalloc areas. */
unsigned long vmalloc_nr_pages(void);

#endif
