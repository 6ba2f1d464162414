/*
 * mm/mmap_lock.h - the lock on an address space's VMAs (Linux's include/linux/mmap_lock.h).
 *
 * The rule (also in mm/mm_types.h and the README): mm->mmap_lock is a sleeping reader/writer
 * lock. The page-fault path holds it for reading from find_vma() until the fault is resolved,
 * so the VMA it works on cannot be split, moved or freed under it even if the fault sleeps
 * (an allocation, reading a page from disk). Every call that changes the VMA tree holds it
 * for writing: mmap, munmap, mprotect, mremap, brk, the madvise advices that change VMA flags,
 * fork's copy of the parent (dup_mm), shmat/shmdt and sendfile's window. Advice that only
 * drops or reads pages (DONTNEED, WILLNEED, POPULATE), mincore, msync's walk (dropped around
 * write-back) and readers of another task's mm (access_remote_vm and /proc, after
 * get_task_mm) hold it for reading. page_mkclean and unmap_mapping_range walk every mm's VMAs
 * without it: they never sleep (see mm/rmap.c). A holder never touches user memory through the
 * uaccess helpers (that fault would need the lock again); the fault path reports one that
 * does. exec's new mm and exit's last mmput have no other user and take no lock.
 */
#ifndef FAULTLINE_MMAP_LOCK_H
#define FAULTLINE_MMAP_LOCK_H

#include "mm/mm_types.h"

/* mmap_read_lock_killable - 0 with @mm's VMAs held for reading, or -EINTR (SIGKILL). */
static inline int mmap_read_lock_killable(struct mm_struct *mm)
{
	return down_read_killable(&mm->mmap_lock);
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	up_read(&mm->mmap_lock);
}

/* mmap_write_lock_killable - 0 with @mm's VMAs held for changing, or -EINTR (SIGKILL). */
static inline int mmap_write_lock_killable(struct mm_struct *mm)
{
	return down_write_killable(&mm->mmap_lock);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	up_write(&mm->mmap_lock);
}

#endif
