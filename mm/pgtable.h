/*
 * mm/pgtable.h - x86-64 4-level page tables: typed entries, the pte_* helpers, and the walk.
 *
 * Levels, top down, with Linux's names: PGD (the PML4, 512 GiB an entry), PUD (the PDPT,
 * 1 GiB), PMD (the page directory, 2 MiB), PTE (the page table, 4 KiB). Every table is one
 * 4 KiB page reached through the direct map (__va of the physical address in the entry).
 *
 * Each level's entry has its own type (pgd_t, pud_t, pmd_t, pte_t: a struct around the 64-bit
 * value, as in Linux), so an entry of one level cannot be stored into another by mistake and
 * no code outside this header twiddles PTE bits by hand: it asks pte_write(), pte_mkdirty(),
 * pte_wrprotect()... The walk from an address to its entry is written once:
 *
 *     pgd = pgd_offset(mm, addr);   pud = pud_offset(pgd, addr);
 *     pmd = pmd_offset(pud, addr);  pte = pte_offset(pmd, addr);
 *
 * each step valid only if the entry above is present (pXd_none/pXd_present), and loops over
 * a range step with pXd_addr_end(). Everything that walks page tables (the fault path, fork,
 * munmap, mprotect, /proc, the consistency checker) uses these, mostly via mm/pagewalk.c.
 *
 * A PTE is in one of three states (Linux's): none (all zero: nothing was ever mapped, or it
 * was unmapped), present (the CPU uses it), or a swap entry (not present, the other bits say
 * where the page went; see mm/swapops.h).
 */
#ifndef FAULTLINE_PGTABLE_H
#define FAULTLINE_PGTABLE_H

#include "kernel/types.h"
#include "mm/memlayout.h"

struct mm_struct;

typedef struct { u64 pgd; } pgd_t;
typedef struct { u64 pud; } pud_t;
typedef struct { u64 pmd; } pmd_t;
typedef struct { u64 pte; } pte_t;
typedef struct { u64 pgprot; } pgprot_t;

static inline u64 pgd_val(pgd_t e) { return e.pgd; }
static inline u64 pud_val(pud_t e) { return e.pud; }
static inline u64 pmd_val(pmd_t e) { return e.pmd; }
static inline u64 pte_val(pte_t e) { return e.pte; }
static inline u64 pgprot_val(pgprot_t p) { return p.pgprot; }
static inline pgd_t __pgd(u64 v) { return (pgd_t){ v }; }
static inline pud_t __pud(u64 v) { return (pud_t){ v }; }
static inline pmd_t __pmd(u64 v) { return (pmd_t){ v }; }
static inline pte_t __pte(u64 v) { return (pte_t){ v }; }
static inline pgprot_t __pgprot(u64 v) { return (pgprot_t){ v }; }

/* Hardware bits (Intel SDM vol. 3, 4.5). */
#define _PAGE_PRESENT	(1UL << 0)
#define _PAGE_RW	(1UL << 1)
#define _PAGE_USER	(1UL << 2)
#define _PAGE_PWT	(1UL << 3)
#define _PAGE_PCD	(1UL << 4)
#define _PAGE_ACCESSED	(1UL << 5)	/* "young": set by the CPU on any access */
#define _PAGE_DIRTY	(1UL << 6)	/* set by the CPU on a write */
#define _PAGE_PSE	(1UL << 7)	/* in a PUD/PMD entry: a 1 GiB / 2 MiB page */
#define _PAGE_GLOBAL	(1UL << 8)
#define _PAGE_NX	(1UL << 63)
#define PTE_PFN_MASK	0x000ffffffffff000UL
#define PTE_FLAGS_MASK	(~PTE_PFN_MASK)
/* What pte_modify() keeps from the old entry: the frame and what the CPU recorded. */
#define _PAGE_CHG_MASK	(PTE_PFN_MASK | _PAGE_ACCESSED | _PAGE_DIRTY)

#define PAGE_KERNEL		__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RO		__pgprot(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RX		__pgprot(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_KERNEL_LARGE	__pgprot(pgprot_val(PAGE_KERNEL) | _PAGE_PSE)
#define _PAGE_TABLE		(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)	/* a user non-leaf entry */
#define _KERNPG_TABLE		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)

#define PGDIR_SIZE		(1UL << PGDIR_SHIFT)
#define PGDIR_MASK		(~(PGDIR_SIZE - 1))
#define PUD_MASK		(~(PUD_SIZE - 1))
#define PMD_MASK		(~(PMD_SIZE - 1))
#define USER_PTRS_PER_PGD	256	/* PGD entries 0..255 are the user half */

/* Page-table levels, for lookup_address(). */
enum pg_level { PG_LEVEL_NONE, PG_LEVEL_4K, PG_LEVEL_2M, PG_LEVEL_1G };

static inline unsigned long pgd_index(unsigned long va) { return (va >> PGDIR_SHIFT) & 511; }
static inline unsigned long pud_index(unsigned long va) { return (va >> PUD_SHIFT) & 511; }
static inline unsigned long pmd_index(unsigned long va) { return (va >> PMD_SHIFT) & 511; }
static inline unsigned long pte_index(unsigned long va) { return (va >> PAGE_SHIFT) & 511; }

/* --- upper levels --- */

static inline bool pgd_none(pgd_t e) { return pgd_val(e) == 0; }
static inline bool pud_none(pud_t e) { return pud_val(e) == 0; }
static inline bool pmd_none(pmd_t e) { return pmd_val(e) == 0; }
static inline bool pgd_present(pgd_t e) { return pgd_val(e) & _PAGE_PRESENT; }
static inline bool pud_present(pud_t e) { return pud_val(e) & _PAGE_PRESENT; }
static inline bool pmd_present(pmd_t e) { return pmd_val(e) & _PAGE_PRESENT; }
/* pud_large/pmd_large - the entry maps a 1 GiB / 2 MiB page itself (no table below). */
static inline bool pud_large(pud_t e) { return (pud_val(e) & (_PAGE_PRESENT | _PAGE_PSE)) == (_PAGE_PRESENT | _PAGE_PSE); }
static inline bool pmd_large(pmd_t e) { return (pmd_val(e) & (_PAGE_PRESENT | _PAGE_PSE)) == (_PAGE_PRESENT | _PAGE_PSE); }

/* The table an upper-level entry points to (direct-map address); the entry must be present. */
static inline pud_t *pgd_pgtable(pgd_t e) { return __va(pgd_val(e) & PTE_PFN_MASK); }
static inline pmd_t *pud_pgtable(pud_t e) { return __va(pud_val(e) & PTE_PFN_MASK); }
static inline pte_t *pmd_pgtable(pmd_t e) { return __va(pmd_val(e) & PTE_PFN_MASK); }
static inline phys_addr_t pgd_phys(pgd_t e) { return pgd_val(e) & PTE_PFN_MASK; }
static inline phys_addr_t pud_phys(pud_t e) { return pud_val(e) & PTE_PFN_MASK; }
static inline phys_addr_t pmd_phys(pmd_t e) { return pmd_val(e) & PTE_PFN_MASK; }

/* The walk, one level at a time (Linux's pgd_offset ... pte_offset_kernel; no p4d level). */
static inline pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long addr) { return pgd + pgd_index(addr); }
#define pgd_offset(mm, addr)	pgd_offset_pgd((mm)->pgd, (addr))
#define pgd_offset_k(addr)	pgd_offset_pgd(swapper_pg_dir, (addr))
static inline pud_t *pud_offset(pgd_t *pgd, unsigned long addr) { return pgd_pgtable(*pgd) + pud_index(addr); }
static inline pmd_t *pmd_offset(pud_t *pud, unsigned long addr) { return pud_pgtable(*pud) + pmd_index(addr); }
static inline pte_t *pte_offset(pmd_t *pmd, unsigned long addr) { return pmd_pgtable(*pmd) + pte_index(addr); }

/* pXd_addr_end - the end of the entry's span containing @addr, or @end if that comes first. */
static inline unsigned long pgd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PGDIR_SIZE) & PGDIR_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}
static inline unsigned long pud_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PUD_SIZE) & PUD_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}
static inline unsigned long pmd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PMD_SIZE) & PMD_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}

static inline void set_pgd(pgd_t *p, pgd_t e) { *(volatile u64 *)&p->pgd = pgd_val(e); }
static inline void set_pud(pud_t *p, pud_t e) { *(volatile u64 *)&p->pud = pud_val(e); }
static inline void set_pmd(pmd_t *p, pmd_t e) { *(volatile u64 *)&p->pmd = pmd_val(e); }

/* --- the PTE --- */

static inline bool pte_none(pte_t e) { return pte_val(e) == 0; }
static inline bool pte_present(pte_t e) { return pte_val(e) & _PAGE_PRESENT; }
static inline bool pte_write(pte_t e) { return pte_val(e) & _PAGE_RW; }
static inline bool pte_dirty(pte_t e) { return pte_val(e) & _PAGE_DIRTY; }
static inline bool pte_young(pte_t e) { return pte_val(e) & _PAGE_ACCESSED; }
static inline bool pte_user(pte_t e) { return pte_val(e) & _PAGE_USER; }
static inline bool pte_exec(pte_t e) { return !(pte_val(e) & _PAGE_NX); }
static inline bool pte_same(pte_t a, pte_t b) { return pte_val(a) == pte_val(b); }
static inline unsigned long pte_pfn(pte_t e) { return (pte_val(e) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline phys_addr_t pte_phys(pte_t e) { return pte_val(e) & PTE_PFN_MASK; }
static inline pgprot_t pte_pgprot(pte_t e) { return __pgprot(pte_val(e) & PTE_FLAGS_MASK); }

static inline pte_t pte_mkwrite(pte_t e) { return __pte(pte_val(e) | _PAGE_RW); }
static inline pte_t pte_wrprotect(pte_t e) { return __pte(pte_val(e) & ~_PAGE_RW); }
static inline pte_t pte_mkdirty(pte_t e) { return __pte(pte_val(e) | _PAGE_DIRTY); }
static inline pte_t pte_mkclean(pte_t e) { return __pte(pte_val(e) & ~_PAGE_DIRTY); }
static inline pte_t pte_mkyoung(pte_t e) { return __pte(pte_val(e) | _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t e) { return __pte(pte_val(e) & ~_PAGE_ACCESSED); }

/* pfn_pte - a PTE mapping frame @pfn with @prot. */
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte(((u64)pfn << PAGE_SHIFT) | pgprot_val(prot));
}

/* pte_modify - @e with the protection bits of @prot; the frame, Accessed and Dirty stay. */
static inline pte_t pte_modify(pte_t e, pgprot_t prot)
{
	return __pte((pte_val(e) & _PAGE_CHG_MASK) | (pgprot_val(prot) & ~_PAGE_CHG_MASK));
}

static inline pgprot_t pgprot_wrprotect(pgprot_t p) { return __pgprot(pgprot_val(p) & ~_PAGE_RW); }

/* Reading and writing a PTE slot: one 64-bit access, never torn (the CPU may set A/D bits). */
static inline pte_t ptep_get(pte_t *ptep) { return __pte(*(volatile u64 *)&ptep->pte); }
static inline void set_pte(pte_t *ptep, pte_t e) { *(volatile u64 *)&ptep->pte = pte_val(e); }
static inline void pte_clear(pte_t *ptep) { set_pte(ptep, __pte(0)); }

/* ptep_get_and_clear - read the PTE and make it none in one step (the caller flushes the TLB). */
static inline pte_t ptep_get_and_clear(pte_t *ptep)
{
	u64 old;

	__asm__ __volatile__("xchg %0, %1" : "=r"(old), "+m"(ptep->pte) : "0"(0UL) : "memory");
	return __pte(old);
}

/* ptep_set_wrprotect - clear the write bit of a present PTE in place (fork's COW marking). */
static inline void ptep_set_wrprotect(pte_t *ptep)
{
	__asm__ __volatile__("lock andq %1, %0" : "+m"(ptep->pte) : "r"(~_PAGE_RW) : "memory");
}

/* The kernel's own page-table root; every process's PGD copies its upper half. */
extern pgd_t *swapper_pg_dir;

/*
 * __pud_alloc / __pmd_alloc / __pte_alloc - give the none entry @pgd / @pud / @pmd a new,
 * zeroed table (the slow path of the pXd_alloc below). For a user address the table is
 * accounted in @mm->pgtables_bytes (@mm NULL: a kernel table). 0, or -ENOMEM.
 */
int __pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr);
int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long addr);
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd, unsigned long addr);

/*
 * pud_alloc / pmd_alloc / pte_alloc - the entry at the next level down for @addr, allocating
 * the table it lives in when the entry above is none (Linux's). Returns NULL when out of
 * memory, or when the entry above maps a large page.
 */
static inline pud_t *pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr)
{
	if (__builtin_expect(pgd_none(*pgd), 0) && __pud_alloc(mm, pgd, addr))
		return NULL;
	return pud_offset(pgd, addr);
}

static inline pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long addr)
{
	if (__builtin_expect(pud_none(*pud), 0) && __pmd_alloc(mm, pud, addr))
		return NULL;
	return pud_large(*pud) ? NULL : pmd_offset(pud, addr);
}

static inline pte_t *pte_alloc(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	if (__builtin_expect(pmd_none(*pmd), 0) && __pte_alloc(mm, pmd, addr))
		return NULL;
	return pmd_large(*pmd) ? NULL : pte_offset(pmd, addr);
}

/*
 * pte_offset_alloc - the PTE slot for @va under @pgd (xv6's walk()), for kernel tables and
 * tests. With @alloc, missing tables are allocated (unaccounted; user-accessible only for user
 * addresses). Returns NULL if a table is missing and !@alloc, allocation failed, or a large page
 * covers @va.
 */
pte_t *pte_offset_alloc(pgd_t *pgd, unsigned long va, bool alloc);

/*
 * lookup_address - the leaf entry mapping @va at any level, setting *@level; NULL (and
 * PG_LEVEL_NONE) if @va is not mapped. Like Linux's lookup_address_in_pgd(), the entry comes
 * back as a pte_t whatever its level (all leaf formats share the bits tests look at).
 */
pte_t *lookup_address(pgd_t *pgd, unsigned long va, enum pg_level *level);

/*
 * map_pages - map [@va, @va+@size) to physical [@pa, ...) with 4 KiB pages and @prot
 * (xv6's mappages), in kernel tables. Both must be page-aligned. Returns 0 or -ENOMEM
 * (mappings made before the failure stay; the caller unmaps them). Remapping a present PTE
 * is a bug (panics).
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
