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

#endif
