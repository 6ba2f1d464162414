/*
 * mm/rmap.c - map counts and the AnonPages/Mapped counters (see mm/rmap.h).
 */
#include "mm/rmap.h"
#include "mm/vmstat.h"
#include "kernel/printk.h"

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
