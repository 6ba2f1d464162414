/*
 * mm/tests/vma_test.c - self tests of VMAs and the fault path on a private mm_struct
 * (never switched to: the tests drive it through do_mmap and access_remote_vm, which faults
 * pages in exactly as a user access would).
 */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "mm/mmap.h"
#include "mm/memory.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"

#define BASE	0x400000UL
#define MREMAP_MAYMOVE	1		/* mremap(2)'s flags (uapi, as mm/mremap.c) */
#define MREMAP_FIXED	2

static int count_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	int n = 0;

	for_each_vma(mm, vma)
		n++;
	return n;
}

/* munmap splits a VMA and mapping the hole again merges it back; mprotect likewise. */
KTEST(vma_split_and_merge)
{
	struct mm_struct *mm = mm_alloc();

	KASSERT(t, mm != NULL);
	KEXPECT_EQ(t, do_mmap(mm, NULL, BASE, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), BASE);
	KEXPECT_EQ(t, count_vmas(mm), 1);
	KEXPECT_EQ(t, do_munmap(mm, BASE + PAGE_SIZE, PAGE_SIZE), 0);
	KEXPECT_EQ(t, count_vmas(mm), 2);
	KEXPECT(t, find_vma(mm, BASE + PAGE_SIZE)->vm_start == BASE + 2 * PAGE_SIZE);
	KEXPECT_EQ(t, do_mmap(mm, NULL, BASE + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), BASE + PAGE_SIZE);
	KEXPECT_EQ(t, count_vmas(mm), 1);
	KEXPECT_EQ(t, do_mprotect(mm, BASE + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	KEXPECT_EQ(t, count_vmas(mm), 3);
	KEXPECT(t, !(find_vma(mm, BASE + PAGE_SIZE)->vm_flags & VM_WRITE));
	KEXPECT_EQ(t, do_mprotect(mm, BASE + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	KEXPECT_EQ(t, count_vmas(mm), 1);
	KEXPECT_EQ(t, do_mprotect(mm, BASE + 8 * PAGE_SIZE, PAGE_SIZE, PROT_READ), -ENOMEM);
	KEXPECT_EQ(t, do_munmap(mm, BASE + 1, PAGE_SIZE), -EINVAL);
	mmput(mm);
}

/* find_vma over many VMAs: the tree finds the right one (or the next one above a hole). */
KTEST(find_vma_many)
{
	struct mm_struct *mm = mm_alloc();
	int bad = 0;

	KASSERT(t, mm != NULL);
	for (unsigned long i = 0; i < 500; i++)		/* a VMA, then a hole, 500 times */
		do_mmap(mm, NULL, BASE + i * 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	KEXPECT_EQ(t, count_vmas(mm), 500);
	for (unsigned long i = 0; i < 500; i++) {
		struct vm_area_struct *v = find_vma(mm, BASE + i * 2 * PAGE_SIZE + 5);
		struct vm_area_struct *h = find_vma(mm, BASE + i * 2 * PAGE_SIZE + PAGE_SIZE);

		bad += !v || v->vm_start != BASE + i * 2 * PAGE_SIZE;
		bad += i < 499 ? (!h || h->vm_start != BASE + (i + 1) * 2 * PAGE_SIZE) : h != NULL;
	}
	KEXPECT_EQ(t, bad, 0);
	mmput(mm);
}

/* page_at - the frame mapped at @addr of @mm (the zero page included), its PTE in *@ptep. */
static struct page *page_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	pte_t *slot = follow_pte(mm, addr);
	pte_t pte = slot ? ptep_get(slot) : __pte(0);

	if (ptep)
		*ptep = pte;
	if (!pte_present(pte))
		return NULL;
	return pfn_to_page(pte_pfn(pte));
}

/* Demand-zero: a read maps the shared zero page; a write then gets a private zeroed page. */
KTEST(anon_read_zero_page_then_write)
{
	struct mm_struct *mm = mm_alloc();
	pte_t pte;
	u64 v = 1;

	KASSERT(t, mm != NULL);
	do_mmap(mm, NULL, BASE, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	KEXPECT(t, page_at(mm, BASE, &pte) == NULL);		/* nothing until touched */
	KEXPECT_EQ(t, access_remote_vm(mm, BASE, &v, 8, false), 8);
	KEXPECT_EQ(t, v, 0);
	KEXPECT(t, page_at(mm, BASE, &pte) == zero_page);
	KEXPECT(t, !pte_write(pte));
	v = 42;
	KEXPECT_EQ(t, access_remote_vm(mm, BASE, &v, 8, true), 8);
	struct page *page = page_at(mm, BASE, &pte);
	KEXPECT(t, page != zero_page && page != NULL);
	KEXPECT(t, pte_write(pte));
	KEXPECT_EQ(t, *(u64 *)page_address(page), 42);
	mmput(mm);
}

/* fork's copy shares pages read-only; a write copies; the last user reuses in place. */
KTEST(cow_copy_then_reuse)
{
	unsigned long free_before = nr_free_pages() + nr_pagetable_pages;
	struct mm_struct *parent = mm_alloc(), *child;
	u64 v = 7;
	pte_t pte;

	KASSERT(t, parent != NULL);
	do_mmap(parent, NULL, BASE, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	access_remote_vm(parent, BASE, &v, 8, true);
	struct page *orig = page_at(parent, BASE, NULL);
	child = dup_mm(parent);
	KASSERT(t, child != NULL);
	KEXPECT(t, page_at(child, BASE, &pte) == orig);
	KEXPECT(t, !pte_write(pte));
	KEXPECT_EQ(t, page_count(orig), 2);

	v = 8;						/* the child writes: it gets a copy */
	access_remote_vm(child, BASE, &v, 8, true);
	struct page *copy = page_at(child, BASE, &pte);
	KEXPECT(t, copy != orig);
	KEXPECT_EQ(t, *(u64 *)page_address(copy), 8);
	KEXPECT_EQ(t, *(u64 *)page_address(orig), 7);
	KEXPECT_EQ(t, page_count(orig), 1);

	unsigned long free_mid = nr_free_pages();
	v = 9;						/* the parent is now the last user: reuse */
	access_remote_vm(parent, BASE, &v, 8, true);
	KEXPECT(t, page_at(parent, BASE, &pte) == orig);
	KEXPECT(t, pte_write(pte));
	KEXPECT_EQ(t, nr_free_pages(), free_mid);	/* no page allocated */
	mmput(child);
	mmput(parent);
	KEXPECT_EQ(t, nr_free_pages() + nr_pagetable_pages, free_before);
}

/* A forced kernel write (exec zeroing a segment's tail) into a read-only private mapping gets
 * a private copy, and the user PTE stays read-only: the VMA decides the write bit. */
KTEST(forced_write_keeps_pte_readonly)
{
	struct mm_struct *mm = mm_alloc();
	u64 v = 0x5a;
	pte_t pte;

	KASSERT(t, mm != NULL);
	do_mmap(mm, NULL, BASE, PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	KEXPECT_EQ(t, access_remote_vm(mm, BASE, &v, 8, true), 8);
	struct page *page = page_at(mm, BASE, &pte);
	KASSERT(t, page != NULL && page != zero_page);
	KEXPECT(t, !pte_write(pte));
	KEXPECT(t, pte_dirty(pte) && PageAnon(page));
	KEXPECT_EQ(t, *(u64 *)page_address(page), 0x5a);
	v = 0x77;					/* a second forced write reuses the copy */
	KEXPECT_EQ(t, access_remote_vm(mm, BASE, &v, 8, true), 8);
	KEXPECT(t, page_at(mm, BASE, &pte) == page && !pte_write(pte));
	KEXPECT_EQ(t, *(u64 *)page_address(page), 0x77);
	mmput(mm);
}

/* munmap frees the page tables only the unmapped range needed; exit frees all of them. */
KTEST(munmap_frees_page_tables)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long tables = nr_pagetable_pages;	/* counting mm's PGD */
	u64 v = 1;

	KASSERT(t, mm != NULL);
	do_mmap(mm, NULL, BASE, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	KEXPECT_EQ(t, access_remote_vm(mm, BASE, &v, 8, true), 8);
	KEXPECT_EQ(t, mm->pgtables_bytes, 3 * PAGE_SIZE);	/* PUD, PMD and PTE tables */
	KEXPECT_EQ(t, do_munmap(mm, BASE, PAGE_SIZE), 0);
	KEXPECT_EQ(t, mm->pgtables_bytes, 0);
	KEXPECT_EQ(t, nr_pagetable_pages, tables);		/* only the PGD is left */
	KEXPECT_EQ(t, get_mm_rss(mm), 0);
	mmput(mm);
	KEXPECT_EQ(t, nr_pagetable_pages, tables - 1);
}

/* Shared anonymous memory stays shared across fork: a write by one side is seen by the other. */
KTEST(shared_anon_survives_fork)
{
	struct mm_struct *parent = mm_alloc(), *child;
	u64 v = 5;

	KASSERT(t, parent != NULL);
	do_mmap(parent, NULL, BASE, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, 0);
	access_remote_vm(parent, BASE, &v, 8, true);
	child = dup_mm(parent);
	KASSERT(t, child != NULL);
	v = 6;
	access_remote_vm(child, BASE, &v, 8, true);
	v = 0;
	access_remote_vm(parent, BASE, &v, 8, false);
	KEXPECT_EQ(t, v, 6);
	KEXPECT(t, page_at(child, BASE, NULL) == page_at(parent, BASE, NULL));
	mmput(child);
	mmput(parent);
}

/* mmap argument errors, with Linux's errnos. */
KTEST(mmap_bad_arguments)
{
	struct mm_struct *mm = mm_alloc();

	KASSERT(t, mm != NULL);
	KEXPECT_EQ(t, (long)do_mmap(mm, NULL, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0), -EINVAL);
	KEXPECT_EQ(t, (long)do_mmap(mm, NULL, BASE + 1, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), -EINVAL);
	KEXPECT_EQ(t, (long)do_mmap(mm, NULL, 0, PAGE_SIZE, PROT_READ, MAP_ANONYMOUS, 0), -EINVAL);
	KEXPECT_EQ(t, (long)do_mmap(mm, NULL, TASK_SIZE, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), -ENOMEM);
	KEXPECT_EQ(t, (long)do_mmap(mm, NULL, 0, 1UL << 48, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0), -ENOMEM);
	unsigned long a = do_mmap(mm, NULL, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	KEXPECT(t, !IS_ERR_VALUE(a) && a < MMAP_BASE && IS_ALIGNED(a, PAGE_SIZE));
	mmput(mm);
}

/*
 * A move that runs out of memory for a page table half-way gives up with -ENOMEM, and the
 * tables it had made at the destination go too: no table stays where no VMA is (exit would
 * never free it: "BUG: non-zero pgtables_bytes on freeing mm", found by the fuzzer with
 * memory short). Every free page is taken but one, so the move gets its first table only.
 */
KTEST(mremap_enomem_frees_new_tables)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long far = 0x100000000000UL;	/* another PGD entry: new PUD, PMD, PTE tables */
	unsigned long bytes, ret;
	LIST_HEAD(held);
	struct page *page, *tmp;
	u64 v = 0x1234;

	KASSERT(t, mm != NULL);
	do_mmap(mm, NULL, BASE, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	KEXPECT_EQ(t, access_remote_vm(mm, BASE, &v, 8, true), 8);
	bytes = mm->pgtables_bytes;
	while ((page = alloc_page(GFP_KERNEL)))
		list_add(&page->lru, &held);
	page = list_first_entry(&held, struct page, lru);
	list_del(&page->lru);
	__free_page(page);			/* one page: the PUD table, and no more */
	ret = do_mremap(mm, BASE, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, far);
	list_for_each_entry_safe(page, tmp, &held, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	KEXPECT_EQ(t, (long)ret, -ENOMEM);
	KEXPECT_EQ(t, mm->pgtables_bytes, bytes);
	v = 0;
	KEXPECT_EQ(t, access_remote_vm(mm, BASE, &v, 8, false), 8);
	KEXPECT_EQ(t, v, 0x1234);
	mmput(mm);
}
