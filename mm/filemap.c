/*
 * mm/filemap.c - the page cache: a file's data held in page frames, indexed by file offset.
 *
 * Seed concept: file-backed VMAs. read(), write() and a mapping of a file all go through the
 * same pages: page @index of an address_space holds file bytes [index * 4096, +4096). The
 * fault path maps exactly these frames (filemap_fault), so a byte written with write() is seen
 * through a shared mapping and the other way round; a private mapping maps them read-only and
 * copies on the first write (do_cow_fault), leaving the cache - the file - untouched.
 *
 * References: a cached page holds one reference owned by the cache. Everyone who gets a page
 * from here (find_get_page, read_cache_page, filemap_fault through vmf->page) gets one more and
 * drops it with put_page(); a PTE mapping the page keeps the reference the fault path got.
 * Shrinking a file (truncate_pagecache) first unmaps the pages past the new end from every
 * process, then drops the cache's reference: the page leaves the cache (page->mapping = NULL)
 * and is freed when its last user - a caller still copying from it - lets go.
 *
 * Faultline runs one CPU and never preempts kernel code, so the cache needs no lock; the only
 * place that can sleep is a_ops->readpage, after which the slot is checked again.
 */
#include "fs/fs.h"
#include "fs/pagemap.h"
#include "mm/mm_types.h"
#include "mm/memory.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

/* kernel/sched.c: every task but the idle task (kernel/sched.h does not export it). */
extern struct list_head task_list;

#define PAGECACHE_MIN_SLOTS	16

/* Pages in all page caches, for /proc/meminfo "Cached:". */
static unsigned long nr_pagecache;

unsigned long nr_pagecache_pages(void)
{
	return nr_pagecache;
}

/*
 * page_cache_grow - make @mapping->pages hold slot @index (the array doubles as needed).
 * Returns 0, or -ENOMEM if the bigger array cannot be allocated (the old one is kept).
 */
static int page_cache_grow(struct address_space *mapping, unsigned long index)
{
	unsigned long slots = mapping->nr_slots ? mapping->nr_slots : PAGECACHE_MIN_SLOTS;
	struct page **pages;

	if (index < mapping->nr_slots)
		return 0;
	while (slots <= index) {
		if (slots > (~0UL / sizeof(*pages)) / 2)
			return -ENOMEM;
		slots *= 2;
	}
	pages = kzalloc(slots * sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	if (mapping->pages) {
		memcpy(pages, mapping->pages, mapping->nr_slots * sizeof(*pages));
		kfree(mapping->pages);
	}
	mapping->pages = pages;
	mapping->nr_slots = slots;
	return 0;
}

/*
 * delete_from_page_cache - take @page out of its cache and drop the cache's reference.
 * The frame lives on while others (PTEs, callers) still hold references.
 */
static void delete_from_page_cache(struct address_space *mapping, struct page *page)
{
	mapping->pages[page->index] = NULL;
	mapping->nrpages--;
	nr_pagecache--;
	page->mapping = NULL;
	put_page(page);
}

struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;

	if (!mapping || index >= mapping->nr_slots)
		return NULL;
	page = mapping->pages[index];
	if (page)
		get_page(page);
	return page;
}

struct page *read_cache_page(struct file *file, struct address_space *mapping,
			     unsigned long index, bool *major)
{
	struct page *page, *raced;
	int err;

	if (major)
		*major = false;
	page = find_get_page(mapping, index);
	if (page)
		return page;

	/* Make room first, so that a failure leaves nothing to undo. */
	err = page_cache_grow(mapping, index);
	if (err)
		return ERR_PTR(err);
	page = alloc_page(__GFP_ZERO);
	if (!page)
		return ERR_PTR(-ENOMEM);
	set_page_flag(page, PG_locked);
	page->mapping = mapping;
	page->index = index;

	if (mapping->a_ops && mapping->a_ops->readpage) {
		err = mapping->a_ops->readpage(file, page);
		if (err < 0) {
			page->mapping = NULL;
			put_page(page);
			return ERR_PTR(err);
		}
		if (err == 1 && major)
			*major = true;
		/* readpage may have slept: someone else may have cached the page meanwhile. */
		raced = find_get_page(mapping, index);
		if (raced) {
			page->mapping = NULL;
			put_page(page);
			return raced;
		}
	}
	/* No readpage: a zero-filled page is the data (a hole, or a new RAM-backed page). */
	clear_page_flag(page, PG_locked);
	set_page_flag(page, PG_uptodate);

	mapping->pages[index] = page;	/* the cache keeps the allocation's reference */
	mapping->nrpages++;
	nr_pagecache++;
	get_page(page);			/* and the caller gets its own */
	return page;
}

void truncate_inode_pages(struct address_space *mapping, loff_t start)
{
	unsigned long first, i;
	struct page *page;

	if (!mapping)
		return;
	if (start < 0)
		start = 0;
	first = ((unsigned long)start + PAGE_SIZE - 1) >> PAGE_SHIFT;

	/* The page that straddles @start stays, but its bytes past @start must read as zero
	 * should the file grow again (or be mapped: the tail of the last page is zero). */
	if (start & ~PAGE_MASK) {
		page = find_get_page(mapping, (unsigned long)start >> PAGE_SHIFT);
		if (page) {
			unsigned long off = (unsigned long)start & ~PAGE_MASK;

			memset((char *)page_address(page) + off, 0, PAGE_SIZE - off);
			put_page(page);
		}
	}
	for (i = first; i < mapping->nr_slots; i++)
		if (mapping->pages[i])
			delete_from_page_cache(mapping, mapping->pages[i]);
	if (first == 0) {
		kfree(mapping->pages);
		mapping->pages = NULL;
		mapping->nr_slots = 0;
	}
}

void unmap_mapping_range(struct address_space *mapping, loff_t holebegin)
{
	unsigned long first = (unsigned long)holebegin >> PAGE_SHIFT;
	struct task_struct *task;
	struct vm_area_struct *vma;

	if (holebegin < 0)
		first = 0;
	/* No reverse map (Linux's i_mmap tree): look at every VMA of every process. Zapping a
	 * range twice (vfork children share their parent's mm) finds nothing the second time. */
	list_for_each_entry(task, &task_list, tasks) {
		if (!task->mm)
			continue;
		for_each_vma(task->mm, vma) {
			unsigned long from;

			if (!vma->vm_file || vma->vm_file->f_mapping != mapping ||
			    first >= vma->vm_pgoff + vma_pages(vma))
				continue;
			from = first > vma->vm_pgoff ? first - vma->vm_pgoff : 0;
			zap_page_range(vma, vma->vm_start + (from << PAGE_SHIFT), vma->vm_end);
		}
	}
}

void truncate_pagecache(struct inode *inode, loff_t newsize)
{
	struct address_space *mapping = inode->i_mapping;
	loff_t holebegin = (loff_t)ALIGN_UP((unsigned long)newsize, PAGE_SIZE);

	unmap_mapping_range(mapping, holebegin);
	truncate_inode_pages(mapping, newsize);
}

/*
 * filemap_fault - vm_ops->fault of a mapped page-cache file (Linux's filemap_fault()).
 * Computes vmf->pgoff from the address and the VMA's file offset; a page wholly beyond the end
 * of the file is VM_FAULT_SIGBUS (as on Linux). Otherwise stores the cached page, referenced,
 * in vmf->page, reading it in first if needed: returns VM_FAULT_MAJOR if that took I/O,
 * 0 if not, VM_FAULT_OOM without memory, VM_FAULT_SIGBUS on a read error.
 */
static vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct file *file = vma->vm_file;
	unsigned long size_pages;
	struct page *page;
	bool major;

	vmf->pgoff = ((vmf->address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	size_pages = ((unsigned long)file->f_inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (vmf->pgoff >= size_pages)
		return VM_FAULT_SIGBUS;

	page = read_cache_page(file, file->f_mapping, vmf->pgoff, &major);
	if (IS_ERR(page))
		return PTR_ERR(page) == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	vmf->page = page;
	return major ? VM_FAULT_MAJOR : 0;
}

const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
};

int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}
