/*
 * mm/shmem.h - shared anonymous memory (mmap MAP_SHARED | MAP_ANONYMOUS).
 */
#ifndef FAULTLINE_SHMEM_H
#define FAULTLINE_SHMEM_H

#include "mm/mm_types.h"
#include "mm/swapops.h"

/*
 * shmem_zero_setup - back @vma with a new shared memory object: a page cache with no file,
 * whose zero-filled pages every VMA duplicated from this one (by fork) maps too.
 * Returns 0 or -ENOMEM.
 */
int shmem_zero_setup(struct vm_area_struct *vma);

/* vma_is_shmem - true if @vma maps a shared memory object (its vm_private_data names it). */
bool vma_is_shmem(const struct vm_area_struct *vma);

/*
 * System V shared memory (ipc/shm.c) keeps a shmem object that outlives its mappings:
 * shmem_object_create - a new, empty object held by the caller (no VMA maps it). NULL if out
 *	of memory.
 * shmem_object_release - the holder lets go; the object is freed now, or when its last VMA
 *	goes.
 * shmem_object_map - back the new (unlinked) @vma with @obj: the VMA becomes one of its users.
 */
struct shmem_object;
struct shmem_object *shmem_object_create(void);
void shmem_object_release(struct shmem_object *obj);
void shmem_object_map(struct vm_area_struct *vma, struct shmem_object *obj);

/*
 * The holder may follow the VMAs that come and go (System V's attach count, shm_nattch):
 * shmem_object_set_owner - while @obj is held, call @ops->open(@owner) after a VMA of it is
 *	duplicated (fork) or split, and @ops->close(@owner) after one goes (the count has
 *	dropped already; close may call shmem_object_release, which then frees @obj).
 * shmem_object_users - the VMAs mapping @obj now.
 * shmem_object_mapping - @obj's pages (a file mapping it points f_mapping there).
 */
struct shmem_owner_ops {
	void (*open)(void *owner);
	void (*close)(void *owner);
};
void shmem_object_set_owner(struct shmem_object *obj, const struct shmem_owner_ops *ops,
			    void *owner);
int shmem_object_users(const struct shmem_object *obj);
struct address_space *shmem_object_mapping(struct shmem_object *obj);

/* shmem_object_swapped - @obj's pages that are out in swap (System V's shm_swp). */
unsigned long shmem_object_swapped(const struct shmem_object *obj);

/*
 * Swap (see mm/shmem.c):
 * shmem_writeout - reclaim evicts shmem @page, unmapped and isolated: it moves from its
 *	object's cache to the swap cache under @entry (a slot get_swap_page gave), and its slot in
 *	the object keeps @entry. 0, or -EBUSY (mapped again, locked, truncated) / -ENOMEM, with
 *	nothing changed: the caller gives the slot back.
 * shmem_unuse - swapoff of device @type: read every shmem page that is out there back in.
 *	0, or -ENOMEM / -EIO / -EINTR (some pages may have come back).
 * shmem_for_each_swap_entry - for the consistency checker: call @fn with each swap entry
 *	held by a shmem object.
 */
int shmem_writeout(struct page *page, swp_entry_t entry);
int shmem_unuse(unsigned int type);
void shmem_for_each_swap_entry(void (*fn)(swp_entry_t entry, void *arg), void *arg);

/* shmem_vma_mapping - the page cache of the object a shmem @vma maps (mincore looks in it). */
struct address_space *shmem_vma_mapping(const struct vm_area_struct *vma);

/* shmem_for_each_object - for the consistency checker: call @fn for every live object with
 * the pointer its VMAs keep in vm_private_data, its count of VMAs, and its cached pages. */
void shmem_for_each_object(void (*fn)(const void *obj, int refcount, unsigned long nrpages, void *arg),
			   void *arg);

#endif
