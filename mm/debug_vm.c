/*
 * mm/debug_vm.c - the consistency checker: do the counters agree with the page tables?
 *
 * Reference counts are the memory system's bookkeeping, and a wrong one is the worst kind of
 * bug: a page freed while a PTE still maps it (a process reads another's data), or never freed
 * (a leak). Faultline keeps the counts incrementally on every path (mm/memory.c, mm/rmap.c);
 * this file recounts everything from scratch and compares, as a test oracle. Reading
 * /proc/mmcheck runs it; the ring-3 test runner reads it after the tests.
 *
 * What must hold, with no fault or system call half-way (the reader is the only one running):
 *   - every present PTE lies inside a VMA, and is writable only if the VMA is; a writable PTE
 *     in a private mapping maps an anonymous page that this PTE alone maps;
 *   - for every counted page (vm_normal_page): _mapcount = the PTEs that map it, over all
 *     live mms; _refcount = those PTEs + 1 if it is in a page cache; an anonymous page that no
 *     PTE maps must not exist (it would be a leak);
 *   - every mm's rss counters = its PTEs by kind, and pgtables_bytes = its tables below the PGD;
 *     its locked_vm = the pages of its VM_LOCKED VMAs (mm/mlock.c);
 *   - every shared memory object is used by as many VMAs as its refcount says;
 *   - the frames that belong to a page cache are as many as the cache's counter says, each is
 *     found in its cache's xarray at its index, and is PG_dirty exactly when tagged dirty;
 *   - every frame marked PG_buddy heads a block on the free list of its order, the free lists
 *     hold nothing else, and their total is nr_free_pages(); free frames have no references.
 *   - every swap entry in a PTE or a shmem object names a slot in use on an active swap
 *     device, and every slot's count equals the swap entries that name it; a slot is marked SWAP_HAS_CACHE exactly when
 *     the swap cache holds a page for it, and that page says so (PG_swapcache, page->private);
 *     a swap-cache page holds one reference more than its PTEs (the cache's).
 *   - the reverse map finds every PTE: an anonymous page's anon_vma is its VMA's and lists
 *     that VMA, a file page's mapping lists the VMA on its i_mmap, and page->index gives back
 *     the address the PTE is at; every anon_vma's count equals its list of VMAs.
 */
#include "mm/debug_vm.h"
#include "mm/lru.h"
#include "mm/mm_types.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/pagewalk.h"
#include "mm/shmem.h"
#include "mm/swapops.h"
#include "mm/swap.h"
#include "drivers/block/blkdev.h"
#include "mm/rmap.h"
#include "mm/page_alloc.h"
#include "mm/vmalloc.h"
#include "mm/slab.h"
#include "kernel/sched.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "fs/fs.h"
#include "fs/pagemap.h"

extern struct list_head task_list;

#define MAX_DETAIL_LINES	20
#define PFN_FREE_LISTED		(-1)	/* in maps[]: the head of a block found on a free list */

struct mmcheck {
	int *maps;			/* per pfn: PTEs found mapping it (or PFN_FREE_LISTED) */
	char *buf;
	size_t size, len;
	unsigned long problems;
	/* per mm, during its walk */
	struct mm_struct *mm;
	struct vm_area_struct *vma;	/* the VMA covering the last address seen */
	long rss[NR_MM_COUNTERS];
	unsigned long orphan_pages;	/* cached pages of unlinked files (information only) */
	int *swap_refs[MAX_SWAPFILES];	/* per active swap device, per slot: entries found */
	unsigned long nr_mms;
};

static __attribute__((format(printf, 2, 3))) void problem(struct mmcheck *c, const char *fmt, ...)
{
	va_list ap;

	if (c->problems++ >= MAX_DETAIL_LINES || c->len + 2 >= c->size)
		return;
	va_start(ap, fmt);
	c->len += (size_t)vscnprintf(c->buf + c->len, c->size - c->len, fmt, ap);
	va_end(ap);
	c->len += (size_t)scnprintf(c->buf + c->len, c->size - c->len, "\n");
}

/* check_pte - one PTE slot of the mm being checked. */
static int check_pte(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	struct mmcheck *c = walk->private;
	pte_t pte = ptep_get(ptep);
	struct vm_area_struct *vma = c->vma;
	const char *rmap_reason;
	struct page *page;

	if (pte_none(pte))
		return 0;
	if (!vma || addr >= vma->vm_end)
		vma = c->vma = find_vma(c->mm, addr);
	if (!vma || vma->vm_start > addr) {
		problem(c, "mm %p: PTE %#lx at %#lx outside every VMA", (void *)c->mm, pte_val(pte), addr);
		return 0;
	}
	if (is_swap_pte(pte)) {
		swp_entry_t entry = pte_to_swp_entry(pte);

		c->rss[MM_SWAPENTS]++;
		if (!swp_swap_info(entry) || !c->swap_refs[swp_type(entry)])
			problem(c, "mm %p: swap entry %#lx at %#lx names no active swap device's slot",
				(void *)c->mm, pte_val(pte), addr);
		else
			c->swap_refs[swp_type(entry)][swp_offset(entry)]++;
		return 0;
	}
	page = vm_normal_page(vma, addr, pte);
	if (pte_write(pte) && !(vma->vm_flags & VM_WRITE))
		problem(c, "mm %p: writable PTE at %#lx in a VMA without VM_WRITE (flags %#lx)",
			(void *)c->mm, addr, vma->vm_flags);
	if (!page) {
		if (pte_write(pte))
			problem(c, "mm %p: writable PTE at %#lx maps the zero page or a reserved frame",
				(void *)c->mm, addr);
		return 0;
	}
	if (pte_write(pte) && is_cow_mapping(vma->vm_flags) &&
	    (!PageAnon(page) || page->_mapcount != 1))
		problem(c, "mm %p: writable private PTE at %#lx maps a shared page (pfn %#lx, anon %d, mapcount %d)",
			(void *)c->mm, addr, page_to_pfn(page), PageAnon(page), page->_mapcount);
	c->maps[page_to_pfn(page)]++;
	rmap_reason = rmap_check_mapping(page, vma, addr);
	if (rmap_reason)
		problem(c, "mm %p: PTE at %#lx (pfn %#lx, index %#lx) not found by rmap: %s",
			(void *)c->mm, addr, page_to_pfn(page), page->index, rmap_reason);
	if (PageAnon(page))
		c->rss[MM_ANONPAGES]++;
	else
		c->rss[PageSwapBacked(page) ? MM_SHMEMPAGES : MM_FILEPAGES]++;
	return 0;
}

static const struct mm_walk_ops check_ops = { .pte_entry = check_pte };

/* count_pgtables - the user page-table pages below @mm's PGD, in bytes. */
static unsigned long count_pgtables(struct mm_struct *mm)
{
	unsigned long n = 0;

	for (int i = 0; i < USER_PTRS_PER_PGD; i++) {
		if (!pgd_present(mm->pgd[i]))
			continue;
		pud_t *pud = pgd_pgtable(mm->pgd[i]);
		n++;
		for (int j = 0; j < PTRS_PER_TABLE; j++) {
			if (!pud_present(pud[j]))
				continue;
			pmd_t *pmd = pud_pgtable(pud[j]);
			n++;
			for (int k = 0; k < PTRS_PER_TABLE; k++)
				n += pmd_present(pmd[k]);
		}
	}
	return n * PAGE_SIZE;
}

static void check_mm_tables(struct mmcheck *c, struct mm_struct *mm, pid_t pid)
{
	static const char *const names[NR_MM_COUNTERS] = { "file", "anon", "swapents", "shmem" };
	struct vm_area_struct *vma;
	unsigned long tables, locked = 0;

	for_each_vma(mm, vma) {
		const char *why = anon_vma_check(vma);

		if (why)
			problem(c, "pid %d: VMA %#lx-%#lx: %s", pid, vma->vm_start, vma->vm_end, why);
		if (vma->vm_flags & VM_LOCKED)
			locked += vma_pages(vma);
	}
	if (locked != mm->locked_vm)		/* mm/mlock.c: VmLck is the locked VMAs' pages */
		problem(c, "pid %d: locked_vm is %lu, its VM_LOCKED VMAs have %lu pages", pid,
			mm->locked_vm, locked);
	c->mm = mm;
	c->vma = NULL;
	for (int i = 0; i < NR_MM_COUNTERS; i++)
		c->rss[i] = 0;
	walk_page_range(mm, 0, TASK_SIZE, &check_ops, c);
	for (int i = 0; i < NR_MM_COUNTERS; i++)
		if (c->rss[i] != mm->rss_stat[i])
			problem(c, "pid %d: rss counter %s is %ld, its page tables map %ld", pid, names[i],
				mm->rss_stat[i], c->rss[i]);
	tables = count_pgtables(mm);
	if (tables != mm->pgtables_bytes)
		problem(c, "pid %d: pgtables_bytes is %lu, its page tables take %lu", pid,
			mm->pgtables_bytes, tables);
}

static int mark_free_block(struct page *page, unsigned int order, void *arg)
{
	struct mmcheck *c = arg;
	unsigned long pfn = page_to_pfn(page);

	if (!PageBuddy(page) || page->order != order)
		problem(c, "pfn %#lx on the order-%u free list is not a free block of that order", pfn, order);
	else
		c->maps[pfn] = PFN_FREE_LISTED;
	return 0;
}

/* for_each_live_mm - call @fn for every mm some task uses, once each (vfork children share). */
static void for_each_live_mm(void (*fn)(struct mm_struct *mm, pid_t pid, void *arg), void *arg)
{
	struct task_struct *task, *other;

	list_for_each_entry(task, &task_list, tasks) {
		bool seen = false;

		if (!task->mm)
			continue;
		list_for_each_entry(other, &task_list, tasks) {
			if (other == task)
				break;
			if (other->mm == task->mm) {
				seen = true;
				break;
			}
		}
		if (!seen)
			fn(task->mm, task->pid, arg);
	}
}

struct shmem_users {
	const void *obj;
	int vmas;
};

static void count_shmem_users(struct mm_struct *mm, pid_t pid, void *arg)
{
	struct shmem_users *u = arg;
	struct vm_area_struct *vma;

	(void)pid;
	for_each_vma(mm, vma)
		if (vma_is_shmem(vma) && vma->vm_private_data == u->obj)
			u->vmas++;
}

static void check_shmem_object(const void *obj, int refcount, unsigned long nrpages, void *arg)
{
	struct mmcheck *c = arg;
	struct shmem_users u = { .obj = obj };

	for_each_live_mm(count_shmem_users, &u);
	if (u.vmas != refcount)
		problem(c, "shmem object %p (%lu pages): refcount %d, but %d VMAs use it", obj, nrpages,
			refcount, u.vmas);
}

/* check_swapcache_page - @page says it is in the swap cache: is it, and is its slot marked? */
static void check_swapcache_page(struct mmcheck *c, struct page *page)
{
	swp_entry_t entry = { page->private };
	struct swap_info_struct *si = swp_swap_info(entry);
	struct page *found;

	if (!si) {
		problem(c, "pfn %#lx is in the swap cache under entry %#lx, which names no slot",
			page_to_pfn(page), entry.val);
		return;
	}
	found = lookup_swap_cache(entry);
	if (found)
		put_page(found);
	if (found != page)
		problem(c, "pfn %#lx says it is swap entry %#lx, but the swap cache holds %s there",
			page_to_pfn(page), entry.val, found ? "another page" : "nothing");
	if (!(si->swap_map[swp_offset(entry)] & SWAP_HAS_CACHE) ||
	    si->swap_map[swp_offset(entry)] == SWAP_MAP_BAD)
		problem(c, "pfn %#lx is cached for swap entry %#lx, whose slot is not marked (map %#x)",
			page_to_pfn(page), entry.val, si->swap_map[swp_offset(entry)]);
}

/* count_shmem_swap_ref - a shmem object holds @entry (a page of it is out in swap). */
static void count_shmem_swap_ref(swp_entry_t entry, void *arg)
{
	struct mmcheck *c = arg;

	if (!swp_swap_info(entry) || !c->swap_refs[swp_type(entry)])
		problem(c, "a shmem object holds swap entry %#lx, which names no active swap device's slot",
			entry.val);
	else
		c->swap_refs[swp_type(entry)][swp_offset(entry)]++;
}

/* alloc_swap_refs / check_swap_refs / free_swap_refs - per active swap device: a count per
 * slot of the swap entries the page-table walk finds, then compared with the swap map. */
static void alloc_swap_refs(struct swap_info_struct *si, void *arg)
{
	struct mmcheck *c = arg;

	c->swap_refs[si->type] = vzalloc(si->max * sizeof(int));
	if (!c->swap_refs[si->type])
		problem(c, "no memory to check swap device %s", si->name);
}

static void check_swap_refs(struct swap_info_struct *si, void *arg)
{
	struct mmcheck *c = arg;
	int *refs = c->swap_refs[si->type];
	unsigned long inuse = 0;

	if (!refs)
		return;
	for (unsigned long offset = 0; offset < si->max; offset++) {
		unsigned int map = si->swap_map[offset];
		struct page *page;

		if (map == SWAP_MAP_BAD) {
			if (refs[offset])
				problem(c, "%s: %d swap entries name bad slot %lu", si->name, refs[offset], offset);
			continue;
		}
		inuse += map != 0;
		if ((map & SWAP_COUNT_MASK) != (unsigned int)refs[offset])
			problem(c, "%s: slot %lu has count %u, but %d swap entries name it", si->name, offset,
				map & SWAP_COUNT_MASK, refs[offset]);
		page = lookup_swap_cache(swp_entry(si->type, offset));
		if (page)
			put_page(page);
		if (!!(map & SWAP_HAS_CACHE) != !!page)
			problem(c, "%s: slot %lu is %smarked cached, but the swap cache holds %s", si->name,
				offset, map & SWAP_HAS_CACHE ? "" : "not ", page ? "a page" : "nothing");
	}
	if (inuse != si->inuse_pages)
		problem(c, "%s: %lu slots in use, inuse_pages says %lu", si->name, inuse, si->inuse_pages);
	vfree(refs);
	c->swap_refs[si->type] = NULL;
}

/* check_frames - every frame against the counts found in the page tables. */
static void check_frames(struct mmcheck *c)
{
	unsigned long pfn = 0, free_found = 0, cached = 0;

	for_each_free_block(mark_free_block, c);
	while (pfn < max_pfn) {
		struct page *page = pfn_to_page(pfn);
		int maps = c->maps[pfn];

		if (PageBuddy(page)) {
			unsigned long n = 1UL << page->order;

			if (maps != PFN_FREE_LISTED)
				problem(c, "pfn %#lx is marked free (order %u) but on no free list", pfn, page->order);
			for (unsigned long i = 0; i < n && pfn + i < max_pfn; i++) {
				struct page *p = page + i;

				if (page_count(p) || p->_mapcount || (i && c->maps[pfn + i]))
					problem(c, "free pfn %#lx has count %d mapcount %d, %d PTEs map it",
						pfn + i, page_count(p), p->_mapcount, i ? c->maps[pfn + i] : 0);
			}
			free_found += n;
			pfn += n;
			continue;
		}
		if (PageHead(page)) {
			/* A multi-page kmalloc block: kernel memory, and page->order shares its
			 * storage with page->mapping. No user PTE may map any of its frames. */
			unsigned long n = 1UL << page->order;

			for (unsigned long i = 0; i < n && pfn + i < max_pfn; i++)
				if (c->maps[pfn + i] > 0)
					problem(c, "pfn %#lx (kmalloc block) is mapped by %d user PTEs",
						pfn + i, c->maps[pfn + i]);
			pfn += n;
			continue;
		}
		if (PageReserved(page) || PageSlab(page)) {
			if (maps > 0)
				problem(c, "pfn %#lx (reserved or slab) is mapped by %d user PTEs", pfn, maps);
		} else if (maps > 0 || page->_mapcount || PageAnon(page) || page->mapping ||
			   PageSwapCache(page)) {
			struct address_space *mapping = PageAnon(page) ? NULL : page->mapping;
			int want_refs = maps + (page->mapping ? 1 : 0) + (PageSwapCache(page) ? 1 : 0) +
					(PageReclaim(page) ? 1 : 0);

			if (page->_mapcount != maps)
				problem(c, "pfn %#lx: mapcount %d, but %d PTEs map it", pfn, page->_mapcount, maps);
			/* A bio under way holds the page too (drivers/block/blk-core.c). */
			if (page_count(page) != want_refs &&
			    !(page_count(page) == want_refs + 1 && (PageLocked(page) || PageWriteback(page))))
				problem(c, "pfn %#lx: count %d, expected %d (%d PTEs%s%s%s; flags %#lx)", pfn,
					page_count(page), want_refs, maps,
					page->mapping ? " + the page cache" : "",
					PageSwapCache(page) ? " + the swap cache" : "",
					PageReclaim(page) ? " + reclaim" : "", page->flags);
			if (!PageLRU(page) && !PageReclaim(page) &&
			    (PageAnon(page) || PageSwapCache(page) || (mapping && mapping_evictable(mapping))))
				problem(c, "pfn %#lx: an evictable page on no LRU list (flags %#lx, mapcount %d, count %d)", pfn, page->flags, page->_mapcount, page_count(page));
			if (PageSwapCache(page))
				check_swapcache_page(c, page);
			if (PageAnon(page) && page->mapping)
				problem(c, "pfn %#lx is anonymous and in a page cache", pfn);
			/* Not an error by itself: an unlinked file lives while someone holds it open. */
			if (mapping && mapping->host && mapping->host->i_nlink == 0)
				c->orphan_pages++;
			if (mapping) {
				cached++;
				if (xa_load(&mapping->i_pages, page->index) != page)
					problem(c, "pfn %#lx says it is page %lu of a cache that does not hold it",
						pfn, page->index);
				if (PageDirty(page) != xa_get_mark(&mapping->i_pages, page->index,
								   PAGECACHE_TAG_DIRTY))
					problem(c, "pfn %#lx: PG_dirty %d but the cache's dirty tag %d", pfn,
						PageDirty(page), !PageDirty(page));
			}
		}
		pfn++;
	}
	if (cached != nr_pagecache_pages())
		problem(c, "%lu frames are in a page cache, nr_pagecache_pages() says %lu", cached,
			nr_pagecache_pages());
	if (free_found != nr_free_pages())
		problem(c, "the free lists hold %lu frames, nr_free_pages() says %lu", free_found, nr_free_pages());
}

/* check_lru - each LRU list's pages are in use, marked PG_lru, of the list's kind and
 * activity, and as many as the list's count says. */
static void check_lru(struct mmcheck *c)
{
	for (int lru = 0; lru < NR_LRU_LISTS; lru++) {
		unsigned long n = 0;
		struct page *page;

		list_for_each_entry(page, &lruvec.lists[lru], lru) {
			if (++n > max_pfn) {
				problem(c, "LRU list %d loops", lru);
				return;
			}
			if (!PageLRU(page) || PageBuddy(page) || PageSlab(page) || !page_count(page) ||
			    PageReclaim(page) || page_lru(page) != (enum lru_list)lru)
				problem(c, "pfn %#lx on LRU list %d: flags %#lx count %d", page_to_pfn(page),
					lru, page->flags, page_count(page));
		}
		if (n != lru_pages(lru))
			problem(c, "LRU list %d holds %lu pages, its count says %lu", lru, n, lru_pages(lru));
	}
}

static void check_one_mm(struct mm_struct *mm, pid_t pid, void *arg)
{
	struct mmcheck *c = arg;

	check_mm_tables(c, mm, pid);
	c->nr_mms++;
}

size_t mm_check_consistency(char *buf, size_t size)
{
	struct mmcheck c = { .buf = buf, .size = size };
	char head[96];
	size_t hlen;

	buf[0] = '\0';
	/* The report's detail lines go after a first line written last: leave room for it. */
	c.len = sizeof(head);
	if (c.len >= size)
		return 0;
	memset(buf, ' ', c.len);
	c.maps = vzalloc(max_pfn * sizeof(int));
	if (!c.maps)
		return (size_t)scnprintf(buf, size, "mmcheck: FAILED 1 problems\nno memory for the check\n");

	/* Finished bios hold their pages until a task frees them: free them first. */
	swap_reap();
	bio_free_deferred();
	swap_for_each_device(alloc_swap_refs, &c);
	for_each_live_mm(check_one_mm, &c);
	shmem_for_each_swap_entry(count_shmem_swap_ref, &c);
	swap_for_each_device(check_swap_refs, &c);
	shmem_for_each_object(check_shmem_object, &c);
	check_frames(&c);
	check_lru(&c);
	vfree(c.maps);

	if (c.problems)
		hlen = (size_t)scnprintf(head, sizeof(head), "mmcheck: FAILED %lu problems", c.problems);
	else
		hlen = (size_t)scnprintf(head, sizeof(head),
					 "mmcheck: ok (%lu frames, %lu address spaces, %lu pages of unlinked files)",
					 max_pfn, c.nr_mms, c.orphan_pages);
	/* Move the details up behind the first line. */
	memmove(buf + hlen + 1, buf + sizeof(head), c.len - sizeof(head));
	memcpy(buf, head, hlen);
	buf[hlen] = '\n';
	c.len = hlen + 1 + (c.len - sizeof(head));
	buf[c.len] = '\0';
	return c.len;
}
