/*
 * mm/tests/rmap_test.c - self tests of the reverse map (mm/rmap.h) on private mm_structs:
 * a family made with the real fork helper (dup_mm), split by mprotect and moved by mremap;
 * rmap_walk must find every PTE of a page, page_referenced count and clear Accessed bits,
 * try_to_unmap remove every PTE of a shmem page (the data comes back on the next touch).
 * try_to_unmap of anonymous pages needs a swap device: the ring-3 test swap_pageout_rmap
 * drives it through MADV_PAGEOUT_SHARED.
 */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "mm/mmap.h"
#include "mm/memory.h"
#include "mm/rmap.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"

#define BASE		0x400000UL
#define MOVED		0x800000UL
#define NPAGES		4
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

/* page_at - the page mapped at @addr of @mm, or NULL. */
static struct page *page_at(struct mm_struct *mm, unsigned long addr)
{
	pte_t *slot = follow_pte(mm, addr);
	pte_t pte = slot ? ptep_get(slot) : __pte(0);

	return pte_present(pte) ? pfn_to_page(pte_pfn(pte)) : NULL;
}

#define MAX_SEEN	8

struct seen {
	int n;
	struct mm_struct *mm[MAX_SEEN];
	unsigned long addr[MAX_SEEN];
};

static bool record_one(struct page *page, struct vm_area_struct *vma, unsigned long address,
		       pte_t *ptep, void *arg)
{
	struct seen *s = arg;

	(void)page;
	(void)ptep;
	if (s->n < MAX_SEEN) {
		s->mm[s->n] = vma->vm_mm;
		s->addr[s->n] = address;
	}
	s->n++;
	return true;
}

/* seen_has - did the walk report (@mm, @addr)? */
static bool seen_has(const struct seen *s, struct mm_struct *mm, unsigned long addr)
{
	for (int i = 0; i < s->n && i < MAX_SEEN; i++)
		if (s->mm[i] == mm && s->addr[i] == addr)
			return true;
	return false;
}

static struct seen walk(struct page *page)
{
	struct seen s = { 0 };
	struct rmap_walk_control rwc = { .arg = &s, .rmap_one = record_one };

	rmap_walk(page, &rwc);
	return s;
}

/*
 * A page of a parent, a child (dup_mm) and a grandchild, where the child moved its copy
 * (mremap) and the grandchild split its VMA (mprotect): rmap_walk finds all three PTEs, at
 * their own addresses; after the grandchild writes (COW), only two.
 */
KTEST(rmap_walk_finds_fork_family)
{
	struct mm_struct *parent = mm_alloc(), *child, *grandchild;
	struct page *page;
	struct seen s;
	u64 v = 0x1234;

	KASSERT(t, parent != NULL);
	KEXPECT_EQ(t, do_mmap(parent, NULL, BASE, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), BASE);
	for (int i = 0; i < NPAGES; i++)
		access_remote_vm(parent, BASE + i * PAGE_SIZE, &v, 8, true);
	page = page_at(parent, BASE + 2 * PAGE_SIZE);
	KASSERT(t, page != NULL && PageAnon(page));
	child = dup_mm(parent);
	KASSERT(t, child != NULL);
	KEXPECT_EQ(t, do_mremap(child, BASE, NPAGES * PAGE_SIZE, NPAGES * PAGE_SIZE,
				MREMAP_MAYMOVE | MREMAP_FIXED, MOVED), MOVED);
	grandchild = dup_mm(child);
	KASSERT(t, grandchild != NULL);
	KEXPECT_EQ(t, do_mprotect(grandchild, MOVED + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	KEXPECT_EQ(t, page->_mapcount, 3);

	s = walk(page);
	KEXPECT_EQ(t, s.n, 3);
	KEXPECT(t, seen_has(&s, parent, BASE + 2 * PAGE_SIZE));
	KEXPECT(t, seen_has(&s, child, MOVED + 2 * PAGE_SIZE));
	KEXPECT(t, seen_has(&s, grandchild, MOVED + 2 * PAGE_SIZE));

	access_remote_vm(grandchild, MOVED + 2 * PAGE_SIZE, &v, 8, true);	/* its own copy */
	s = walk(page);
	KEXPECT_EQ(t, s.n, 2);
	KEXPECT(t, !seen_has(&s, grandchild, MOVED + 2 * PAGE_SIZE));
	s = walk(page_at(grandchild, MOVED + 2 * PAGE_SIZE));
	KEXPECT_EQ(t, s.n, 1);
	KEXPECT(t, seen_has(&s, grandchild, MOVED + 2 * PAGE_SIZE));

	mmput(grandchild);
	mmput(child);
	s = walk(page);
	KEXPECT_EQ(t, s.n, 1);
	KEXPECT(t, seen_has(&s, parent, BASE + 2 * PAGE_SIZE));
	mmput(parent);
}

/* page_referenced counts the PTEs whose Accessed bit is set, and clears them. */
KTEST(page_referenced_counts_and_clears)
{
	struct mm_struct *parent = mm_alloc(), *child;
	struct page *page;
	pte_t *pp, *pc;
	u64 v = 1;

	KASSERT(t, parent != NULL);
	do_mmap(parent, NULL, BASE, PAGE_SIZE, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	access_remote_vm(parent, BASE, &v, 8, true);
	child = dup_mm(parent);
	KASSERT(t, child != NULL);
	page = page_at(parent, BASE);
	KASSERT(t, page != NULL);
	pp = follow_pte(parent, BASE);
	pc = follow_pte(child, BASE);
	set_pte(pp, pte_mkold(ptep_get(pp)));
	set_pte(pc, pte_mkold(ptep_get(pc)));
	KEXPECT_EQ(t, page_referenced(page), 0);
	set_pte(pp, pte_mkyoung(ptep_get(pp)));
	set_pte(pc, pte_mkyoung(ptep_get(pc)));
	KEXPECT_EQ(t, page_referenced(page), 2);
	KEXPECT(t, !pte_young(ptep_get(pp)) && !pte_young(ptep_get(pc)));
	KEXPECT_EQ(t, page_referenced(page), 0);
	set_pte(pc, pte_mkyoung(ptep_get(pc)));
	KEXPECT_EQ(t, page_referenced(page), 1);
	mmput(child);
	mmput(parent);
}

/*
 * try_to_unmap of a shmem page mapped by a parent and its child (at different addresses after
 * an mremap): every PTE goes, the counters follow, and the next touch finds the data again.
 * An anonymous page outside the swap cache is refused and left mapped.
 */
KTEST(try_to_unmap_shmem_and_refuses_anon_without_swap)
{
	struct mm_struct *parent = mm_alloc(), *child;
	struct page *page, *anon;
	u64 v = 0xfeed;

	KASSERT(t, parent != NULL);
	do_mmap(parent, NULL, BASE, PAGE_SIZE, PROT_READ | PROT_WRITE,
		MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, 0);
	do_mmap(parent, NULL, BASE + 4 * PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	access_remote_vm(parent, BASE, &v, 8, true);
	access_remote_vm(parent, BASE + 4 * PAGE_SIZE, &v, 8, true);
	child = dup_mm(parent);
	KASSERT(t, child != NULL);
	KEXPECT_EQ(t, do_mremap(child, BASE, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
				MOVED), MOVED);
	page = page_at(parent, BASE);
	KASSERT(t, page != NULL && page == page_at(child, MOVED));
	KEXPECT_EQ(t, page->_mapcount, 2);
	KEXPECT_EQ(t, get_mm_counter(child, MM_SHMEMPAGES), 1);

	get_page(page);
	KEXPECT(t, try_to_unmap(page));
	KEXPECT_EQ(t, page->_mapcount, 0);
	KEXPECT(t, page_at(parent, BASE) == NULL && page_at(child, MOVED) == NULL);
	KEXPECT_EQ(t, get_mm_counter(parent, MM_SHMEMPAGES), 0);
	KEXPECT_EQ(t, get_mm_counter(child, MM_SHMEMPAGES), 0);
	KEXPECT_EQ(t, page_count(page), 2);		/* the shmem cache's and ours */
	put_page(page);
	v = 0;
	KEXPECT_EQ(t, access_remote_vm(child, MOVED, &v, 8, false), 8);
	KEXPECT_EQ(t, v, 0xfeed);
	KEXPECT(t, page_at(child, MOVED) == page);

	anon = page_at(parent, BASE + 4 * PAGE_SIZE);
	KASSERT(t, anon != NULL && PageAnon(anon) && !PageSwapCache(anon));
	KEXPECT(t, !try_to_unmap(anon));
	KEXPECT_EQ(t, anon->_mapcount, 2);
	KEXPECT(t, page_at(child, BASE + 4 * PAGE_SIZE) == anon);
	mmput(child);
	mmput(parent);
}

/* The anon_vma follows the family: fork, split and mremap share it, merge keeps it, and it
 * goes when the last VMA does (the anonymous page forgets it when unmapped). */
KTEST(anon_vma_shared_by_family_and_freed)
{
	struct mm_struct *parent = mm_alloc(), *child;
	struct vm_area_struct *vma;
	struct anon_vma *av;
	struct page *page;
	u64 v = 3;

	KASSERT(t, parent != NULL);
	do_mmap(parent, NULL, BASE, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	KEXPECT(t, find_vma(parent, BASE)->anon_vma == NULL);	/* none before the first page */
	access_remote_vm(parent, BASE, &v, 8, true);
	av = find_vma(parent, BASE)->anon_vma;
	KASSERT(t, av != NULL);
	KEXPECT_EQ(t, av->refcount, 1);
	page = page_at(parent, BASE);
	KEXPECT(t, page->anon_vma == av && page->index == BASE >> PAGE_SHIFT);
	KEXPECT_EQ(t, do_mprotect(parent, BASE + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	KEXPECT_EQ(t, av->refcount, 3);				/* split in three */
	child = dup_mm(parent);
	KASSERT(t, child != NULL);
	KEXPECT_EQ(t, av->refcount, 6);
	KEXPECT_EQ(t, do_mprotect(parent, BASE + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	KEXPECT_EQ(t, av->refcount, 4);				/* merged back */
	vma = find_vma(parent, BASE);
	KEXPECT(t, vma->vm_end == BASE + NPAGES * PAGE_SIZE && vma->anon_vma == av);
	for_each_vma(child, vma)
		KEXPECT(t, vma->anon_vma == av);
	KEXPECT_EQ(t, do_munmap(parent, BASE, NPAGES * PAGE_SIZE), 0);
	KEXPECT_EQ(t, av->refcount, 3);
	KEXPECT(t, page->anon_vma == av && page->_mapcount == 1);	/* the child's still */
	mmput(parent);
	mmput(child);						/* frees av */
}
