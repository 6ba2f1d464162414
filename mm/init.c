/*
 * mm/init.c - kernel memory at boot: "kernel logical" addresses and the kernel image.
 *
 * Seed concept: physical memory is mapped directly at PAGE_OFFSET ("kernel logical" addresses
 * map directly to physical addresses starting from zero), so the kernel reaches any frame with
 * __va(). paging_init() builds new page tables with:
 *   - the direct map: every RAM region at PAGE_OFFSET + phys, with 1 GiB pages where the CPU
 *     has them and the range allows, else 2 MiB pages; read/write, no-execute, global;
 *   - the kernel image at __START_KERNEL_map with 4 KiB pages, W^X per section;
 *   - the top-level entries of the vmalloc area preallocated, so that every process's page
 *     tables, which copy the kernel half of swapper_pg_dir, see later vmalloc mappings too.
 * The identity map the boot code used is simply not in the new tables.
 */
#include "mm/init.h"
#include "mm/memblock.h"
#include "mm/pgtable.h"
#include "mm/page_alloc.h"
#include "mm/lru.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"
#include "kernel/multiboot2.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/io.h"
#include "kernel/lib/string.h"

unsigned long direct_map_end;
static bool have_gbpages;

/* Map [start, end) of physical memory into the direct map with the largest pages that fit. */
static void map_direct_range(phys_addr_t start, phys_addr_t end)
{
	phys_addr_t pa = ALIGN_DOWN(start, PMD_SIZE);

	end = ALIGN_UP(end, PMD_SIZE);
	while (pa < end) {
		unsigned long va = (unsigned long)__va(pa);
		pud_t *pud = pud_alloc(NULL, pgd_offset_k(va), va);
		pmd_t *pmd;

		if (!pud)
			panic("paging_init: no memory for the direct map");
		if (have_gbpages && IS_ALIGNED(pa, PUD_SIZE) && pa + PUD_SIZE <= end && pud_none(*pud)) {
			set_pud(pud, __pud(pa | pgprot_val(PAGE_KERNEL_LARGE)));
			pa += PUD_SIZE;
			continue;
		}
		if (pud_large(*pud)) {			/* already covered by a 1 GiB page */
			pa = ALIGN_UP(pa + 1, PUD_SIZE);
			continue;
		}
		pmd = pmd_alloc(NULL, pud, va);
		if (!pmd)
			panic("paging_init: no memory for the direct map");
		set_pmd(pmd, __pmd(pa | pgprot_val(PAGE_KERNEL_LARGE)));
		pa += PMD_SIZE;
	}
	direct_map_end = max(direct_map_end, (unsigned long)end);
}

/* Map one part of the kernel image [start, end) with @prot. */
static void map_kernel_range(const void *start, const void *end, pgprot_t prot)
{
	unsigned long va = (unsigned long)start;
	size_t size = ALIGN_UP((unsigned long)end, PAGE_SIZE) - va;

	if (map_pages(swapper_pg_dir, va, __pa_symbol(va), size, prot))
		panic("paging_init: cannot map the kernel image");
}

static void paging_init(void)
{
	u32 a, b, c, d;

	cpuid(0x80000001, 0, &a, &b, &c, &d);
	have_gbpages = d & (1u << 26);

	swapper_pg_dir = __va(pt_alloc_page());
	for (int i = 0; i < boot_params.nr_e820; i++) {
		struct e820_entry *e = &boot_params.e820[i];

		if (e->type == E820_TYPE_RAM || e->type == E820_TYPE_ACPI)
			map_direct_range(e->addr, e->addr + e->size);
	}

	map_kernel_range((void *)__START_KERNEL_map, _stext, PAGE_KERNEL_RO);	/* boot code, header */
	map_kernel_range(_stext, _etext, PAGE_KERNEL_RX);
	map_kernel_range(__start_rodata, __end_rodata, PAGE_KERNEL_RO);
	map_kernel_range(_sdata, _edata_bss, PAGE_KERNEL);
	map_kernel_range(__start_kallsyms, _end, PAGE_KERNEL_RO);

	for (unsigned long va = VMALLOC_START; va < VMALLOC_END; va += 1UL << PGDIR_SHIFT) {
		if (!pud_alloc(NULL, pgd_offset_k(va), va))
			panic("paging_init: no memory for the vmalloc area's tables");
	}

	write_cr3(__pa(swapper_pg_dir));
	memblock_set_limit(direct_map_end);
}

#define MEM_LIMIT_MIN	(32UL << 20)	/* mem= below this would not hold the kernel's start */

/*
 * mem_limit - the "mem=SIZE" of the kernel command line (a number with an optional K, M or G
 * suffix), as Linux's x86 mem=: RAM above physical address SIZE is not used, so a class can
 * run a program in less memory than QEMU's -m gives (and watch reclaim and swap). 0 when absent
 * or unusable (logged).
 */
static phys_addr_t mem_limit(void)
{
	char buf[32], *end;
	unsigned long size;

	if (!cmdline_value("mem", buf, sizeof(buf)))
		return 0;
	size = simple_strtoul(buf, &end, 0);
	switch (*end) {
	case 'G': case 'g': size <<= 10; /* fall through */
	case 'M': case 'm': size <<= 10; /* fall through */
	case 'K': case 'k': size <<= 10; end++; break;
	}
	if (*end || size < MEM_LIMIT_MIN) {
		pr_warn("mem=%s ignored: expected a size of at least %lu MiB (such as mem=64M)\n",
			buf, MEM_LIMIT_MIN >> 20);
		return 0;
	}
	return size;
}

void mm_init(void)
{
	phys_addr_t limit = mem_limit();

	for (int i = 0; i < boot_params.nr_e820; i++) {
		struct e820_entry *e = &boot_params.e820[i];
		phys_addr_t end = e->addr + e->size;

		if (e->type != E820_TYPE_RAM)
			continue;
		if (limit && end > limit)
			end = e->addr < limit ? limit : e->addr;
		if (end > e->addr)
			memblock_add(e->addr, end - e->addr);
	}
	if (limit)
		pr_info("mem=%luM: RAM above %#lx is not used\n", (unsigned long)(limit >> 20),
			(unsigned long)limit);
	/* Never hand out: the first MiB (BIOS data, the real-mode IVT), the kernel image,
	 * the boot information and the boot modules. */
	memblock_reserve(0, 0x100000);
	memblock_reserve(KERNEL_PHYS_BASE, __pa_symbol(_end) - KERNEL_PHYS_BASE);
	memblock_reserve(ALIGN_DOWN(boot_params.info_start, PAGE_SIZE),
			 ALIGN_UP(boot_params.info_end, PAGE_SIZE) - ALIGN_DOWN(boot_params.info_start, PAGE_SIZE));
	for (int i = 0; i < boot_params.nr_modules; i++) {
		struct boot_module *m = &boot_params.modules[i];

		memblock_reserve(ALIGN_DOWN(m->start, PAGE_SIZE),
				 ALIGN_UP(m->end, PAGE_SIZE) - ALIGN_DOWN(m->start, PAGE_SIZE));
	}

	paging_init();

	unsigned long nr_pfns = memblock_end_of_DRAM() >> PAGE_SHIFT;
	phys_addr_t map = memblock_alloc(nr_pfns * sizeof(struct page), PAGE_SIZE);

	free_area_init(__va(map), nr_pfns);
	lru_init();
	memblock_free_all();
	setup_per_zone_wmarks();
	kmem_cache_init();
	vmalloc_init();
}

void mem_print_summary(void)
{
	unsigned long total = totalram_pages(), free = nr_free_pages();

	pr_info("BIOS-provided physical RAM map (from Multiboot2):\n");
	for (int i = 0; i < boot_params.nr_e820; i++) {
		struct e820_entry *e = &boot_params.e820[i];

		pr_info("  [mem 0x%016lx-0x%016lx] %s\n", (unsigned long)e->addr,
			(unsigned long)(e->addr + e->size - 1), e820_type_name(e->type));
	}
	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rodata, %luK rwdata+bss, %luK reserved)\n",
		free * (PAGE_SIZE / 1024), (unsigned long)(memblock_phys_mem_size() / 1024),
		(unsigned long)(_etext - _stext) / 1024, (unsigned long)(__end_rodata - __start_rodata) / 1024,
		(unsigned long)(_edata_bss - _sdata) / 1024,
		(unsigned long)(memblock_phys_mem_size() / 1024) - total * (PAGE_SIZE / 1024));
	pr_info("Virtual kernel memory layout:\n");
	pr_info("  direct map : %#018lx - %#018lx (%4lu MiB, %s pages)\n", PAGE_OFFSET,
		PAGE_OFFSET + direct_map_end, direct_map_end >> 20, have_gbpages ? "1 GiB/2 MiB" : "2 MiB");
	pr_info("  vmalloc    : %#018lx - %#018lx (%4lu TiB)\n", VMALLOC_START, VMALLOC_END,
		(VMALLOC_END - VMALLOC_START + 1) >> 40);
	pr_info("  kernel     : %#018lx - %#018lx (%4lu KiB)\n", __START_KERNEL_map,
		(unsigned long)_end, ((unsigned long)_end - __START_KERNEL_map) >> 10);
	pr_info("    .text    : %#018lx - %#018lx (r-x)\n", (unsigned long)_stext, (unsigned long)_etext);
	pr_info("    .rodata  : %#018lx - %#018lx (r--)\n", (unsigned long)__start_rodata, (unsigned long)__end_rodata);
	pr_info("    .data/.bss: %#017lx - %#018lx (rw-)\n", (unsigned long)_sdata, (unsigned long)_edata_bss);
	pr_info("Page frames: %lu total, %lu free; struct page is %lu bytes (mem_map %lu KiB)\n",
		total, free, (unsigned long)sizeof(struct page),
		(unsigned long)(max_pfn * sizeof(struct page)) >> 10);
}
