/*
 * mm/pgtable.h - x86-64 4-level page tables: entry bits and the walk/map primitives.
 *
 * Levels, top down, with Linux's names: PGD (the PML4, 512 GiB an entry), PUD (the PDPT,
 * 1 GiB), PMD (the page directory, 2 MiB), PTE (the page table, 4 KiB). Every table is one
 * 4 KiB page reached through the direct map (__va of the physical address in the entry).
 */
#ifndef FAULTLINE_PGTABLE_H
#define FAULTLINE_PGTABLE_H

#include "kernel/types.h"
#include "mm/memlayout.h"

typedef u64 pgd_t;
typedef u64 pud_t;
typedef u64 pmd_t;
typedef u64 pte_t;
typedef u64 pgprot_t;

#define _PAGE_PRESENT	(1UL << 0)
#define _PAGE_RW	(1UL << 1)
#define _PAGE_USER	(1UL << 2)
#define _PAGE_PWT	(1UL << 3)
#define _PAGE_PCD	(1UL << 4)
#define _PAGE_ACCESSED	(1UL << 5)
#define _PAGE_DIRTY	(1UL << 6)
#define _PAGE_PSE	(1UL << 7)	/* in a PUD/PMD entry: a 1 GiB / 2 MiB page */
#define _PAGE_GLOBAL	(1UL << 8)
#define _PAGE_NX	(1UL << 63)
#define PTE_PFN_MASK	0x000ffffffffff000UL
#define PTE_FLAGS_MASK	(~PTE_PFN_MASK)

#define PAGE_KERNEL		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RO		(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RX		(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_KERNEL_LARGE	(PAGE_KERNEL | _PAGE_PSE)
#define _PAGE_TABLE		(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)	/* a non-leaf entry */
#define _KERNPG_TABLE		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)

/* Page-table levels, for lookup_address(). */
enum pg_level { PG_LEVEL_NONE, PG_LEVEL_4K, PG_LEVEL_2M, PG_LEVEL_1G };

static inline unsigned long pgd_index(unsigned long va) { return (va >> PGDIR_SHIFT) & 511; }
static inline unsigned long pud_index(unsigned long va) { return (va >> PUD_SHIFT) & 511; }
static inline unsigned long pmd_index(unsigned long va) { return (va >> PMD_SHIFT) & 511; }
static inline unsigned long pte_index(unsigned long va) { return (va >> PAGE_SHIFT) & 511; }

static inline bool pte_present(pte_t e) { return e & _PAGE_PRESENT; }
static inline phys_addr_t pte_phys(pte_t e) { return e & PTE_PFN_MASK; }
static inline unsigned long pte_pfn(pte_t e) { return (e & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot) { return ((u64)pfn << PAGE_SHIFT) | prot; }
/* The table an upper-level entry points to, as a direct-map pointer. */
static inline u64 *entry_table(u64 e) { return __va(e & PTE_PFN_MASK); }

/* The kernel's own page-table root; every process's PGD copies its upper half. */
extern pgd_t *swapper_pg_dir;

/*
 * pte_offset_alloc - find the PTE (4 KiB level) for @va under @pgd (xv6's walk()).
 * With @alloc, missing intermediate tables are allocated (zeroed; user-accessible bits only
 * for user addresses). Returns a pointer to the PTE, or NULL if a table is missing and !@alloc,
 * if allocation failed, or if a 2 MiB/1 GiB page covers @va.
 */
pte_t *pte_offset_alloc(pgd_t *pgd, unsigned long va, bool alloc);

/*
 * lookup_address - the leaf entry mapping @va (at any level), setting *@level; NULL (and
 * PG_LEVEL_NONE) if @va is not mapped. Like Linux's lookup_address_in_pgd().
 */
u64 *lookup_address(pgd_t *pgd, unsigned long va, enum pg_level *level);

/*
 * map_pages - map [@va, @va+@size) to physical [@pa, ...) with 4 KiB pages and @prot
 * (xv6's mappages). Both must be page-aligned. Returns 0 or -ENOMEM (mappings made before the
 * failure stay; the caller unmaps them). Remapping a present PTE is a bug (panics).
 */
int map_pages(pgd_t *pgd, unsigned long va, phys_addr_t pa, size_t size, pgprot_t prot);

/*
 * pt_alloc_page - a zeroed page for a page table: from memblock during boot, from the buddy
 * allocator afterwards. Returns its physical address, or 0 when memory is exhausted.
 */
phys_addr_t pt_alloc_page(void);

/* pt_free_page - give back a page-table page allocated after boot. */
void pt_free_page(phys_addr_t pa);

/* Page-table pages taken from the buddy allocator and not yet freed (/proc/meminfo PageTables).
 * Kernel page tables (the vmalloc area's) are kept once made, as in Linux. */
extern unsigned long nr_pagetable_pages;

static inline void flush_tlb_one(unsigned long va)
{
	__asm__ __volatile__("invlpg (%0)" :: "r"(va) : "memory");
}

/* flush_tlb_local - drop all non-global TLB entries (reload CR3). */
static inline void flush_tlb_local(void)
{
	unsigned long cr3;
	__asm__ __volatile__("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) :: "memory");
}

#endif
