/*
 * mm/memblock.h - the boot-time memory allocator (Linux's memblock), used before the buddy
 * allocator exists: for page tables, mem_map and other allocations made once at boot.
 */
#ifndef FAULTLINE_MEMBLOCK_H
#define FAULTLINE_MEMBLOCK_H

#include "kernel/types.h"

#define MEMBLOCK_MAX_REGIONS	64

/* memblock_add - record [@base, @base+@size) as RAM. */
void memblock_add(phys_addr_t base, phys_addr_t size);
/* memblock_reserve - mark [@base, @base+@size) as in use (never given to the buddy allocator). */
void memblock_reserve(phys_addr_t base, phys_addr_t size);
/*
 * memblock_alloc - a zeroed, @align-aligned block of RAM below the current limit (the early
 * direct map covers 1 GiB until paging_init() maps everything). Panics if none is left: at
 * boot there is nothing sensible to fall back to.
 */
phys_addr_t memblock_alloc(phys_addr_t size, phys_addr_t align);
/* memblock_set_limit - allocations stay below @limit. */
void memblock_set_limit(phys_addr_t limit);
/* memblock_end_of_DRAM - end of the highest RAM region. */
phys_addr_t memblock_end_of_DRAM(void);
/* memblock_phys_mem_size - bytes of RAM in all regions. */
phys_addr_t memblock_phys_mem_size(void);
/* memblock_free_all - hand every unreserved RAM page to the buddy allocator; memblock is done. */
void memblock_free_all(void);
/* memblock_reserved_size - bytes reserved (kernel, boot data, early allocations). */
phys_addr_t memblock_reserved_size(void);

/* True once memblock_free_all() ran: allocate from the buddy allocator from then on. */
extern bool memblock_done;

#endif
