/*
 * mm/rmap.c - map counts and the AnonPages/Mapped counters (see mm/rmap.h).
 */
#include "mm/rmap.h"
#include "mm/vmstat.h"
#include "mm/memory.h"
#include "mm/pgtable.h"
#include "kernel/sched.h"
#include "kernel/io.h"
#include "kernel/printk.h"
#include "fs/fs.h"

long vm_node_stat[NR_VM_NODE_STAT_ITEMS];
unsigned long vm_events[NR_VM_EVENT_ITEMS];

void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address)
{
	(void)vma;
	set_page_flag(page, PG_anon);
	page->index = address >> PAGE_SHIFT;
	page->_mapcount = 1;
	mod_node_page_state(NR_ANON_MAPPED, 1);
}

void page_add_file_rmap(struct page *page)
{
	if (page->_mapcount++ == 0)
		mod_node_page_state(NR_FILE_MAPPED, 1);
}

void page_dup_rmap(struct page *page)
{
	page->_mapcount++;
}

void page_remove_rmap(struct page *page)
{
	if (page->_mapcount <= 0) {
		pr_err("BUG: Bad page map count: pfn %#lx mapcount %d count %d\n",
		       page_to_pfn(page), page->_mapcount, page->_refcount);
		return;
	}
	if (--page->_mapcount == 0)
		mod_node_page_state(PageAnon(page) ? NR_ANON_MAPPED : NR_FILE_MAPPED, -1);
}

/*
 * page_mkclean_one - write-protect and clean the PTE that maps @page in @vma, if any. Returns
 * true if it was writable or dirty.
 */
static bool page_mkclean_one(struct page *page, struct vm_area_struct *vma)
{
	unsigned long address = vma->vm_start + ((page->index - vma->vm_pgoff) << PAGE_SHIFT);
	pte_t *ptep = follow_pte(vma->vm_mm, address), pte;

	if (!ptep)
		return false;
	pte = ptep_get(ptep);
	if (!pte_present(pte) || pte_pfn(pte) != page_to_pfn(page) ||
	    (!pte_write(pte) && !pte_dirty(pte)))
		return false;
	set_pte(ptep, pte_mkclean(pte_wrprotect(pte)));
	if (read_cr3() == __pa(vma->vm_mm->pgd))
		flush_tlb_one(address);		/* other mms' entries go with their next CR3 load */
	return true;
}

int page_mkclean(struct page *page)
{
	struct address_space *mapping = page->mapping;
	struct task_struct *task;
	struct vm_area_struct *vma;
	int cleaned = 0;

	if (!mapping)
		return 0;
	/* No i_mmap tree yet (the reclaim issue adds it): every process's shared VMAs of this
	 * file that cover the page. A vfork child or a thread shares another task's mm: seen
	 * twice, harmless (the PTE is clean the second time).
	 *
	 * No mmap_lock (mm/mmap_lock.h): this walk never sleeps (follow_pte allocates nothing),
	 * so on one non-preemptible CPU it sees every mm between two steps of any writer; and at
	 * every step a present PTE lies in a linked VMA that maps it (munmap zaps before it
	 * unlinks, mremap links the new VMA before it moves PTEs into it).
	 * Taking the lock would deadlock: write-back runs from msync and fsync of a task whose
	 * own mm may have a writer queued behind its read hold. Linux walks the file's i_mmap
	 * tree under i_mmap_rwsem for the same reason. */
	list_for_each_entry(task, &task_list, tasks) {
		if (!task->mm)
			continue;
		for_each_vma(task->mm, vma) {
			if (!(vma->vm_flags & VM_SHARED) || !vma->vm_file ||
			    vma->vm_file->f_mapping != mapping || page->index < vma->vm_pgoff ||
			    page->index >= vma->vm_pgoff + vma_pages(vma))
				continue;
			cleaned += page_mkclean_one(page, vma);
		}
	}
	return cleaned;
}
