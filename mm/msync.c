/*
 * mm/msync.c - msync(2): write a shared file mapping's changes to the file (Linux's
 * mm/msync.c).
 *
 * The pages written through a shared mapping are the file's page cache, marked dirty by the
 * write fault (page_mkwrite), so the file already holds the new bytes for read(); what msync
 * adds is the disk. MS_SYNC writes the dirty pages of each file mapped in the range and waits
 * (fsync of the file); MS_ASYNC only asks the flusher to start now (since Linux 2.6.19 it
 * does nothing at all: the pages are already dirty in the cache); MS_INVALIDATE has nothing
 * to do with one coherent cache.
 *
 * Locking (mm/mmap_lock.h): the VMAs are read under mmap_lock held for reading, but the lock
 * is dropped around each file's write-back, as Linux's msync does: write-back sleeps on the
 * disk and cleans the mapped pages' PTEs (page_mkclean), and another thread's mmap should not
 * wait for the disk. The walk then goes on from the end of the VMA it had, found afresh.
 */
#include "mm/mmap.h"
#include "mm/mm_types.h"
#include "mm/mmap_lock.h"
#include "fs/fs.h"
#include "fs/mount.h"
#include "kernel/sched.h"
#include "kernel/errno.h"

#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4

/*
 * sys_msync - msync(2) of [@start, @start + @len). Returns 0 or -errno as Linux: -EINVAL (a
 * misaligned @start, unknown @flags, or MS_SYNC with MS_ASYNC), -ENOMEM (part of the range is
 * not mapped: the mapped parts are still synced), -EIO (write-back failed), -EINTR (SIGKILL
 * while waiting for mmap_lock).
 */
long sys_msync(unsigned long start, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	int unmapped = 0, err = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = (len + ~PAGE_MASK) & PAGE_MASK;
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	if (mmap_read_lock_killable(mm))
		return -EINTR;
	while (start < end) {
		struct vm_area_struct *vma = find_vma(mm, start);
		struct file *file;

		if (!vma) {
			unmapped = -ENOMEM;
			break;
		}
		if (start < vma->vm_start) {
			unmapped = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		start = vma->vm_end;
		file = vma->vm_file;
		if (!file || !(vma->vm_flags & VM_SHARED))
			continue;
		if (flags & MS_SYNC) {
			get_file(file);		/* the VMA may go while write-back sleeps */
			mmap_read_unlock(mm);
			err = file->f_op->fsync ? file->f_op->fsync(file, 1) : 0;
			fput(file);
			if (err)
				return err;
			if (mmap_read_lock_killable(mm))
				return -EINTR;
		} else if (flags & MS_ASYNC) {
			wakeup_flusher_threads();
		}
	}
	mmap_read_unlock(mm);
	return unmapped;
}
