/*
 * mm/shmem.h - shared anonymous memory (mmap MAP_SHARED | MAP_ANONYMOUS).
 */
#ifndef FAULTLINE_SHMEM_H
#define FAULTLINE_SHMEM_H

#include "mm/mm_types.h"

/*
 * shmem_zero_setup - back @vma with a new shared memory object: a page cache with no file,
 * whose zero-filled pages every VMA duplicated from this one (by fork) maps too.
 * Returns 0 or -ENOMEM.
 */
int shmem_zero_setup(struct vm_area_struct *vma);

/* vma_is_shmem - true if @vma maps a shared memory object (its vm_private_data names it). */
bool vma_is_shmem(const struct vm_area_struct *vma);

/* shmem_for_each_object - for the consistency checker: call @fn for every live object with
 * the pointer its VMAs keep in vm_private_data, its count of VMAs, and its cached pages. */
void shmem_for_each_object(void (*fn)(const void *obj, int refcount, unsigned long nrpages, void *arg),
			   void *arg);

#endif
