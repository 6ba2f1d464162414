/*
 * mm/mlock.c - locking memory: mlock, mlock2, munlock, mlockall, munlockall (Linux's
 * mm/mlock.c).
 *
 * Seed concept: demand paging and reclaim decide which pages are resident; a program that
 * cannot afford a page fault at the wrong moment (a real-time loop, a buffer of secrets that
 * must not reach swap) locks its memory instead. A locked range is a VMA with VM_LOCKED:
 *   - locking faults every page of the range in at once (mm/gup.c's populate_vma_page_range:
 *     a private writable mapping is faulted for writing, so copy-on-write is broken now),
 *     unless MLOCK_ONFAULT / MCL_ONFAULT asked for VM_LOCKONFAULT: the pages are locked as
 *     they fault in;
 *   - reclaim never takes a page that a VM_LOCKED VMA maps: try_to_unmap() (mm/rmap.c)
 *     refuses it, so the page stays where it is;
 *   - mm->locked_vm counts the pages of locked VMAs (VmLck in /proc/PID/status), kept by
 *     mm/mmap.c wherever VMAs are linked, unlinked or resized, and here where the flag changes.
 *     RLIMIT_MEMLOCK (8 MiB by default) bounds it for a caller other than root (Linux's
 *     CAP_IPC_LOCK): over it mlock is -ENOMEM, a locked mmap, brk or mremap -EAGAIN, and a
 *     limit of 0 makes mlock -EPERM;
 *   - mlockall(MCL_FUTURE) sets mm->def_flags, which do_mmap adds to every new mapping.
 * Locking is a VMA attribute, so it splits and merges VMAs as madvise's flags do; fork gives
 * the child no locks, exec starts without them (a new mm), munmap and exit unaccount them.
 *
 * Validation as Linux 6.1: the start is rounded down to a page and the length up (with the
 * start's offset added); a range with a hole is -ENOMEM after the VMAs before the hole were
 * changed (and nothing is populated then); unknown flags are -EINVAL. A page that cannot be
 * faulted in (PROT_NONE, beyond the end of a file) makes mlock -ENOMEM, no memory -EAGAIN
 * (Linux's __mlock_posix_error_return); the VMA stays locked.
 */
#include "mm/internal.h"
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "kernel/cred.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"

#define MLOCK_ONFAULT	0x01		/* mlock2 flag */
#define MCL_CURRENT	1		/* mlockall flags */
#define MCL_FUTURE	2
#define MCL_ONFAULT	4

/* capable_ipc_lock - may the caller lock memory without limit (Linux's CAP_IPC_LOCK: root's
 * effective uid here)? */
static bool capable_ipc_lock(void)
{
	return current->cred.euid == 0;
}

/* lock_limit - RLIMIT_MEMLOCK in pages. */
static unsigned long lock_limit(void)
{
	return (unsigned long)(rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT);
}

bool can_do_mlock(void)
{
	return rlimit(RLIMIT_MEMLOCK) != 0 || capable_ipc_lock();
}

int mlock_future_check(struct mm_struct *mm, unsigned long vm_flags, unsigned long len)
{
	if (!(vm_flags & VM_LOCKED) || capable_ipc_lock())
		return 0;
	return mm->locked_vm + (len >> PAGE_SHIFT) > lock_limit() ? -EAGAIN : 0;
}

/*
 * mlock_fixup - give [@start, @end), inside @vma, the lock flags of @newflags (Linux's
 * mlock_fixup): split, set, merge (vma_modify_flags), and move the pages that change between
 * locked and unlocked in or out of mm->locked_vm. 0 or -ENOMEM (a split failed: unchanged).
 */
static int mlock_fixup(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long newflags)
{
	unsigned long oldflags = vma->vm_flags;
	long nr_pages = (long)((end - start) >> PAGE_SHIFT);

	if (newflags == oldflags)
		return 0;
	vma = vma_modify_flags(mm, vma, start, end, newflags);
	if (IS_ERR(vma))
		return (int)PTR_ERR(vma);
	if ((newflags & VM_LOCKED) && !(oldflags & VM_LOCKED))
		mm->locked_vm += nr_pages;
	else if (!(newflags & VM_LOCKED) && (oldflags & VM_LOCKED))
		mm->locked_vm -= nr_pages;
	return 0;
}

int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long len,
			 unsigned long flags)
{
	unsigned long end = start + len, addr;

	if (end < start)
		return -EINVAL;
	for (addr = start; addr < end;) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned long next;
		int err;

		if (!vma || vma->vm_start > addr)
			return -ENOMEM;		/* a hole: what precedes it stays changed */
		next = min(end, vma->vm_end);
		err = mlock_fixup(mm, vma, addr, next, (vma->vm_flags & VM_LOCKED_CLEAR_MASK) | flags);
		if (err)
			return err;
		addr = next;
	}
	return 0;
}

/* count_mm_mlocked_page_nr - pages of [@start, @start + @len) already in locked VMAs (they
 * are in locked_vm already; mlock must not count them twice against the limit). */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start,
					      unsigned long len)
{
	unsigned long end = start + len < start ? ~0UL : start + len, count = 0;
	struct vm_area_struct *vma;

	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(mm, vma))
		if (vma->vm_flags & VM_LOCKED)
			count += min(end, vma->vm_end) - max(start, vma->vm_start);
	return count >> PAGE_SHIFT;
}

/* mlock_posix_error - the errno mlock reports for a failed populate (Linux's
 * __mlock_posix_error_return): a page that cannot be had is -ENOMEM, no memory -EAGAIN. */
static long mlock_posix_error(int err)
{
	if (err == -EFAULT)
		return -ENOMEM;
	if (err == -ENOMEM)
		return -EAGAIN;
	return err;
}

/* do_mlock - mlock/mlock2 of [@start, +@len) with VM_LOCKED(|VM_LOCKONFAULT) @flags (see the
 * file comment): the flags under mmap_lock held for writing, then the pages faulted in with it
 * read-held. 0, -EPERM, -ENOMEM, -EAGAIN, -EINVAL, -EINTR. */
static long do_mlock(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long locked;
	int err = -ENOMEM;

	if (!can_do_mlock())
		return -EPERM;
	len = ALIGN_UP(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	if (mmap_write_lock_killable(mm))
		return -EINTR;
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	if (locked > lock_limit() && !capable_ipc_lock())
		locked -= count_mm_mlocked_page_nr(mm, start, len);
	if (locked <= lock_limit() || capable_ipc_lock())
		err = apply_vma_lock_flags(mm, start, len, flags);
	mmap_write_unlock(mm);
	if (err)
		return err;
	err = __mm_populate(mm, start, len, false);
	return err ? mlock_posix_error(err) : 0;
}

long sys_mlock(unsigned long start, size_t len)
{
	return do_mlock(start, len, VM_LOCKED);
}

long sys_mlock2(unsigned long start, size_t len, int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, VM_LOCKED | ((flags & MLOCK_ONFAULT) ? VM_LOCKONFAULT : 0));
}

long sys_munlock(unsigned long start, size_t len)
{
	struct mm_struct *mm = current->mm;
	long ret;

	len = ALIGN_UP(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	if (mmap_write_lock_killable(mm))
		return -EINTR;
	ret = apply_vma_lock_flags(mm, start, len, 0);
	mmap_write_unlock(mm);
	return ret;
}

/*
 * apply_mlockall_flags - mlockall's @flags (0: munlockall) on every VMA and on def_flags
 * (Linux's apply_mlockall_flags). A VMA that cannot be split keeps its state: errors are
 * ignored, as Linux ignores them.
 */
static void apply_mlockall_flags(struct mm_struct *mm, int flags)
{
	unsigned long to_add = 0, addr = 0;
	struct vm_area_struct *vma;

	mm->def_flags &= VM_LOCKED_CLEAR_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED | ((flags & MCL_ONFAULT) ? VM_LOCKONFAULT : 0);
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT)
		to_add = VM_LOCKED | ((flags & MCL_ONFAULT) ? VM_LOCKONFAULT : 0);
	/* By address, not by list: mlock_fixup splits and merges the VMAs it walks. */
	while ((vma = find_vma(mm, addr))) {
		addr = vma->vm_end;
		(void)mlock_fixup(mm, vma, vma->vm_start, vma->vm_end,
				  (vma->vm_flags & VM_LOCKED_CLEAR_MASK) | to_add);
		cond_resched();
	}
}

long sys_mlockall(int flags)
{
	struct mm_struct *mm = current->mm;
	long ret = -ENOMEM;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	if (mmap_write_lock_killable(mm))
		return -EINTR;
	if (!(flags & MCL_CURRENT) || mm->total_vm <= lock_limit() || capable_ipc_lock()) {
		apply_mlockall_flags(mm, flags);
		ret = 0;
	}
	mmap_write_unlock(mm);
	if (!ret && (flags & MCL_CURRENT))
		mm_populate(mm, 0, TASK_SIZE);
	return ret;
}

long sys_munlockall(void)
{
	struct mm_struct *mm = current->mm;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	apply_mlockall_flags(mm, 0);
	mmap_write_unlock(mm);
	return 0;
}
