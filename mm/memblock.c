/*
 * mm/memblock.c - boot-time memory: RAM regions, reserved regions, and a bottom-up allocator.
 *
 * Two small arrays, like Linux's memblock.memory and memblock.reserved. Regions are not kept
 * sorted or merged; at most a few dozen exist, so linear scans are simplest and fast enough.
 */
#include "mm/memblock.h"
#include "mm/page_alloc.h"
#include "mm/memlayout.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"

struct memblock_region {
	phys_addr_t base, size;
};

struct memblock_type {
	int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

static struct memblock_type memory, reserved;
static phys_addr_t alloc_limit = 1UL << 30;
bool memblock_done;

static void add_region(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	if (!size)
		return;
	/* Boot allocations are mostly consecutive: extend the last region when they touch. */
	if (type->cnt && type->regions[type->cnt - 1].base + type->regions[type->cnt - 1].size == base) {
		type->regions[type->cnt - 1].size += size;
		return;
	}
	if (type->cnt == MEMBLOCK_MAX_REGIONS)
		panic("memblock: more than %d regions", MEMBLOCK_MAX_REGIONS);
	type->regions[type->cnt].base = base;
	type->regions[type->cnt].size = size;
	type->cnt++;
}

void memblock_add(phys_addr_t base, phys_addr_t size)
{
	add_region(&memory, base, size);
}

void memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	add_region(&reserved, base, size);
}

void memblock_set_limit(phys_addr_t limit)
{
	alloc_limit = limit;
}

/* The end of the first reserved region overlapping [base, base+size), or 0 if none does. */
static phys_addr_t reserved_overlap(phys_addr_t base, phys_addr_t size)
{
	for (int i = 0; i < reserved.cnt; i++) {
		struct memblock_region *r = &reserved.regions[i];

		if (base < r->base + r->size && r->base < base + size)
			return r->base + r->size;
	}
	return 0;
}

phys_addr_t memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	if (memblock_done)
		panic("memblock_alloc after memblock_free_all");
	size = ALIGN_UP(size, PAGE_SIZE);
	for (int i = 0; i < memory.cnt; i++) {
		struct memblock_region *m = &memory.regions[i];
		phys_addr_t end = min(m->base + m->size, alloc_limit);
		phys_addr_t cand = ALIGN_UP(max(m->base, (phys_addr_t)0x100000), align);

		while (cand + size <= end) {
			phys_addr_t next = reserved_overlap(cand, size);

			if (!next) {
				memblock_reserve(cand, size);
				memset(__va(cand), 0, size);
				return cand;
			}
			cand = ALIGN_UP(next, align);
		}
	}
	panic("memblock_alloc: out of boot memory for %lu bytes", (unsigned long)size);
}

phys_addr_t memblock_end_of_DRAM(void)
{
	phys_addr_t end = 0;

	for (int i = 0; i < memory.cnt; i++)
		end = max(end, memory.regions[i].base + memory.regions[i].size);
	return end;
}

phys_addr_t memblock_phys_mem_size(void)
{
	phys_addr_t total = 0;

	for (int i = 0; i < memory.cnt; i++)
		total += memory.regions[i].size;
	return total;
}

phys_addr_t memblock_reserved_size(void)
{
	phys_addr_t total = 0;

	for (int i = 0; i < reserved.cnt; i++)
		total += reserved.regions[i].size;
	return total;
}

static bool pfn_reserved(unsigned long pfn)
{
	return reserved_overlap((phys_addr_t)pfn << PAGE_SHIFT, PAGE_SIZE) != 0;
}

void memblock_free_all(void)
{
	for (int i = 0; i < memory.cnt; i++) {
		struct memblock_region *m = &memory.regions[i];
		unsigned long pfn = DIV_ROUND_UP(m->base, PAGE_SIZE);
		unsigned long end = (m->base + m->size) >> PAGE_SHIFT;

		while (pfn < end) {
			unsigned long run = pfn;

			while (run < end && !pfn_reserved(run))
				run++;
			if (run > pfn)
				free_bootmem_range(pfn, run);
			pfn = run + 1;
		}
	}
	memblock_done = true;
}
