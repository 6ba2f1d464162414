/*
 * mm/vmalloc.c - the vmalloc area: virtually contiguous memory from scattered frames.
 *
 * Seed concept: "kernel virtual addresses might not map to contiguous physical pages; for these
 * mappings vmalloc is used". A request is served from single pages of the buddy allocator,
 * mapped one after another at a free range of [VMALLOC_START, VMALLOC_END]. Each area ends with
 * an unmapped guard page, so running off its end faults instead of corrupting the next area.
 * The page below each area is unmapped too (the guard of the area below it, or free space:
 * the vmalloc range's first page is never used), so running off its start - a kernel stack
 * overflowing downwards - faults as well.
 *
 * Areas are kept in a list sorted by address and allocated first-fit (Linux uses an rbtree
 * with augmented free-space data; a list is plenty for a kernel that has a few dozen areas).
 * The top-level page-table entries for the area were preallocated by paging_init(), so
 * mappings made here are seen by every address space.
 */
#include "mm/vmalloc.h"
#include "mm/pgtable.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"

static LIST_HEAD(vmap_area_list);
static unsigned long vmalloc_pages;

void vmalloc_init(void)
{
	INIT_LIST_HEAD(&vmap_area_list);
}

/* Find a free range of @size bytes (first fit) and insert @vm for it. Returns 0 or -1. */
static int alloc_vmap_area(struct vm_struct *vm, unsigned long size)
{
	/* The first page of the area is never handed out, so the page below an area is
	 * always unmapped: the guard of the area under it, or a free gap (kernel stacks rely
	 * on this guard below, see alloc_thread_stack in kernel/fork.c). */
	unsigned long addr = VMALLOC_START + PAGE_SIZE;
	struct vm_struct *cur;

	list_for_each_entry(cur, &vmap_area_list, list) {
		if (addr + size <= cur->addr)
			break;
		addr = cur->addr + cur->size;
	}
	if (addr + size - 1 > VMALLOC_END || addr + size < addr)
		return -1;
	vm->addr = addr;
	vm->size = size;
	/* Insert before cur (the first area above the gap), or at the tail. */
	list_add_tail(&vm->list, &cur->list);
	return 0;
}

/* Unmap the area's pages, flush their TLB entries and free frames, page tables stay. */
static void unmap_and_free(struct vm_struct *vm)
{
	for (unsigned int i = 0; i < vm->nr_pages; i++) {
		unsigned long va = vm->addr + i * PAGE_SIZE;
		pte_t *pte = pte_offset_alloc(swapper_pg_dir, va, false);

		if (pte && pte_present(*pte)) {
			pte_clear(pte);
			flush_tlb_one(va);
		}
		if (vm->pages[i]) {
			__free_page(vm->pages[i]);
			vmalloc_pages--;
		}
	}
}

void *vmalloc(unsigned long size)
{
	struct vm_struct *vm;
	unsigned long nr;

	if (size == 0 || size > VMALLOC_END - VMALLOC_START)
		return NULL;
	nr = DIV_ROUND_UP(size, PAGE_SIZE);
	if (nr > totalram_pages())
		return NULL;

	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	if (!vm)
		return NULL;
	vm->pages = kzalloc(nr * sizeof(struct page *), GFP_KERNEL);
	if (!vm->pages || alloc_vmap_area(vm, (nr + 1) * PAGE_SIZE) < 0) {
		kfree(vm->pages);
		kfree(vm);
		return NULL;
	}
	vm->nr_pages = (unsigned int)nr;

	for (unsigned long i = 0; i < nr; i++) {
		struct page *page = alloc_page(GFP_KERNEL);

		if (!page || map_pages(swapper_pg_dir, vm->addr + i * PAGE_SIZE,
				       page ? page_to_phys(page) : 0, PAGE_SIZE, PAGE_KERNEL)) {
			if (page)
				__free_page(page);
			goto fail;
		}
		vm->pages[i] = page;
		vmalloc_pages++;
	}
	return (void *)vm->addr;

fail:
	unmap_and_free(vm);
	list_del(&vm->list);
	kfree(vm->pages);
	kfree(vm);
	return NULL;
}

void *vzalloc(unsigned long size)
{
	void *p = vmalloc(size);

	if (p)
		memset(p, 0, ALIGN_UP(size, PAGE_SIZE));
	return p;
}

struct vm_struct *find_vm_area(const void *addr)
{
	unsigned long a = (unsigned long)addr;
	struct vm_struct *vm;

	list_for_each_entry(vm, &vmap_area_list, list)
		if (a >= vm->addr && a < vm->addr + vm->size)
			return vm;
	return NULL;
}

void vfree(const void *addr)
{
	struct vm_struct *vm;

	if (!addr)
		return;
	vm = find_vm_area(addr);
	if (!vm || vm->addr != (unsigned long)addr) {
		pr_err("vfree: %p is not the start of a vmalloc area\n", addr);
		WARN_ON(1);
		return;
	}
	unmap_and_free(vm);
	list_del(&vm->list);
	kfree(vm->pages);
	kfree(vm);
}

struct page *vmalloc_to_page(const void *addr)
{
	struct vm_struct *vm = find_vm_area(addr);
	unsigned long i;

	if (!vm)
		return NULL;
	i = ((unsigned long)addr - vm->addr) >> PAGE_SHIFT;
	return i < vm->nr_pages ? vm->pages[i] : NULL;
}

unsigned long vmalloc_nr_pages(void)
{
	return vmalloc_pages;
}
