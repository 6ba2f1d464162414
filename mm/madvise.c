/*
 * mm/madvise.c - advice about how a range will be used: madvise(2) (Linux's mm/madvise.c).
 *
 * Validated as Linux does: an advice value Linux does not know is -EINVAL, a misaligned start
 * or a wrapping range -EINVAL, and a range with unmapped holes (kernel addresses included) is
 * applied to what is mapped and then reported as -ENOMEM. Of the advice itself Faultline acts
 * on MADV_DONTNEED: the range's PTEs are zapped, so the next touch of a private page sees zeros
 * (anonymous memory) or the file again, while a shared page is found again in its object. The other hints are accepted and
 * change nothing.
 */
#include "mm/mmap.h"
#include "mm/memory.h"
#include "kernel/sched.h"
#include "kernel/errno.h"

#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_FREE	8
#define MADV_REMOVE	9
#define MADV_DONTFORK	10
#define MADV_DOFORK	11
#define MADV_MERGEABLE	12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE	14
#define MADV_NOHUGEPAGE	15
#define MADV_DONTDUMP	16
#define MADV_DODUMP	17
#define MADV_WIPEONFORK	18
#define MADV_KEEPONFORK	19
#define MADV_COLD	20
#define MADV_PAGEOUT	21

/* madvise_behavior_valid - is @advice one Linux 6.1 accepts on x86-64? */
static bool madvise_behavior_valid(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE: case MADV_DONTFORK:
	case MADV_DOFORK: case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK:
	case MADV_KEEPONFORK: case MADV_COLD: case MADV_PAGEOUT:
		return true;
	default:
		return false;
	}
}

long sys_madvise(unsigned long start, unsigned long len_in, int advice)
{
	struct mm_struct *mm = current->mm;
	unsigned long len, end, addr;
	int unmapped = 0;

	if (!madvise_behavior_valid(advice) || !IS_ALIGNED(start, PAGE_SIZE))
		return -EINVAL;
	len = ALIGN_UP(len_in, PAGE_SIZE);
	if (len_in && !len)
		return -EINVAL;			/* rounding up wrapped */
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	for (addr = start; addr < end;) {
		struct vm_area_struct *vma = find_vma(mm, addr);

		if (!vma || vma->vm_start >= end) {
			unmapped = -ENOMEM;	/* a hole up to the end (or the kernel half) */
			break;
		}
		if (vma->vm_start > addr)
			unmapped = -ENOMEM;
		if (advice == MADV_DONTNEED)
			zap_page_range(vma, max(addr, vma->vm_start), min(end, vma->vm_end));
		addr = vma->vm_end;
	}
	return unmapped;
}
