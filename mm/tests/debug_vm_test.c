/*
 * mm/tests/debug_vm_test.c - self tests of the consistency checker (/proc/mmcheck) itself.
 */
#include "kernel/selftest.h"
#include "kernel/lib/string.h"
#include "mm/debug_vm.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

/* A live multi-page kmalloc block (its head's page->order shares storage with page->mapping)
 * is kernel memory to the checker, not a page-cache page: the check passes and does not
 * dereference the order as a mapping (it did: an oops at address 0x1). */
KTEST(mmcheck_with_a_multipage_kmalloc_block)
{
	void *big = kmalloc(2 * PAGE_SIZE, GFP_KERNEL);
	char *report = vmalloc(PAGE_SIZE);

	KASSERT(t, big != NULL && report != NULL);
	mm_check_consistency(report, PAGE_SIZE);
	KEXPECT(t, strncmp(report, "mmcheck: ok", 11) == 0);
	kfree(big);
	vfree(report);
}
