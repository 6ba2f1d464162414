/*
 * mm/mmap.c - the VMAs of an address space: lookup, mmap, munmap, brk, the stack's growth.
 *
 * Seed concept: VMAs "define a range of virtual addresses utilized by a process" and record
 * where the data comes from. Each mm keeps its VMAs twice, as Linux did before the maple tree:
 * a red-black tree keyed by address for find_vma() in O(log n), and a sorted list for walks.
 * VMAs never overlap. munmap and mprotect split VMAs at the range's edges; adjacent VMAs that
 * agree on everything are merged back (vma_merge), so a munmap'ed hole that is mapped again,
 * or an mprotect that is undone, leaves one VMA as before.
 */
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "mm/internal.h"
#include "mm/memory.h"
#include "mm/shmem.h"
#include "mm/page_alloc.h"
#include "mm/rmap.h"
#include "mm/slab.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/io.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "fs/fs.h"

/* --- mm_struct --- */

void switch_mm(struct mm_struct *mm)
{
	write_cr3(__pa(mm->pgd));
}

/* --- the VMA tree and list --- */

/* vm_stat_account - @npages (negative: fewer) of a VMA with @vm_flags were mapped: total_vm
 * follows, and locked_vm too if the VMA is VM_LOCKED (Linux's vm_stat_account and the
 * locked_vm lines beside it). mlock_fixup (mm/mlock.c) accounts a VMA whose flag changes. */
static void vm_stat_account(struct mm_struct *mm, unsigned long vm_flags, long npages)
{
	mm->total_vm += npages;
	if (vm_flags & VM_LOCKED)
		mm->locked_vm += npages;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *node = mm->mm_rb.rb_node;
	struct vm_area_struct *found = NULL;

	while (node) {
		struct vm_area_struct *vma = rb_entry(node, struct vm_area_struct, vm_rb);

		if (vma->vm_end > addr) {
			found = vma;
			if (vma->vm_start <= addr)
				break;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return found;
}

/* Link @vma into @mm's tree and list (the range must be free). */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	while (*link) {
		parent = *link;
		if (vma->vm_start < rb_entry(parent, struct vm_area_struct, vm_rb)->vm_start)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap_list);
	mm->map_count++;
	vm_stat_account(mm, vma->vm_flags, (long)vma_pages(vma));
}

static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	list_del(&vma->vm_list);
	mm->map_count--;
	vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
}

/* Can @a (below) and @b (directly above) become one VMA? Private anonymous pages must belong
 * to the same memory (vm_anon_id, Linux's anon_vma test): not across a fork; and to one
 * anon_vma, at contiguous offsets (page->index stays right: mm/rmap.h). */
static bool can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags && a->vm_file == b->vm_file &&
	       a->vm_anon_id == b->vm_anon_id && is_mergeable_anon_vma(a, b) &&
	       a->vm_ops == b->vm_ops && a->vm_private_data == b->vm_private_data &&
	       a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(mm, vma), *next = vma_next(mm, vma);

	if (next && can_merge(vma, next)) {
		vma_unlink(mm, next);
		vm_stat_account(mm, vma->vm_flags, (long)vma_pages(next));
		vma->vm_end = next->vm_end;
		anon_vma_merge(vma, next);
		vm_area_free(next);
	}
	if (prev && can_merge(prev, vma)) {
		vma_unlink(mm, vma);
		vm_stat_account(mm, prev->vm_flags, (long)vma_pages(vma));
		prev->vm_end = vma->vm_end;
		anon_vma_merge(prev, vma);
		vm_area_free(vma);
		vma = prev;
	}
	return vma;
}

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *upper;

	if (addr <= vma->vm_start || addr >= vma->vm_end)
		return 0;
	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	upper = vm_area_dup(vma);
	if (!upper)
		return -ENOMEM;
	vma_unlink(mm, vma);
	upper->vm_start = addr;
	upper->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	vma->vm_end = addr;
	vma_link(mm, vma);
	vma_link(mm, upper);
	return 0;
}

struct vm_area_struct *vma_modify_flags(struct mm_struct *mm, struct vm_area_struct *vma,
					unsigned long start, unsigned long end,
					unsigned long new_flags)
{
	if (new_flags == vma->vm_flags)
		return vma;
	if (split_vma(mm, vma, start))
		return ERR_PTR(-ENOMEM);
	vma = find_vma(mm, start);
	if (split_vma(mm, vma, end))
		return ERR_PTR(-ENOMEM);
	vma = find_vma(mm, start);
	vma->vm_flags = new_flags;
	return vma_merge(mm, vma);
}

/* --- unmapping --- */

/*
 * unmap_region - remove every VMA part inside [start, end): split at the edges, zap the pages,
 * free the VMAs, then the page tables that only the removed range needed (Linux's
 * free_pgtables(), bounded by the VMAs left below and above). 0 or -ENOMEM (from a split;
 * nothing is unmapped then).
 */
static int unmap_region(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start), *prev, *last, *next;

	if (!vma || vma->vm_start >= end)
		return 0;			/* nothing mapped there */
	/* The VMA holding end - 1 (usually the first one itself). */
	for (last = vma; last->vm_end < end && (next = vma_next(mm, last)) && next->vm_start < end;)
		last = next;
	if (last->vm_end > end && last->vm_start < end && split_vma(mm, last, end))
		return -ENOMEM;
	if (vma->vm_start < start) {
		if (split_vma(mm, vma, start))
			return -ENOMEM;		/* (a split at end stays: harmless, merged later) */
		vma = vma_next(mm, vma);
	}
	prev = vma_prev(mm, vma);
	while (vma && vma->vm_start < end) {
		next = vma_next(mm, vma);
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		vma_unlink(mm, vma);
		vm_area_free(vma);
		vma = next;
	}
	free_pgd_range(mm, start, end, prev ? prev->vm_end : 0, vma ? vma->vm_start : 0);
	return 0;
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	if (!IS_ALIGNED(start, PAGE_SIZE) || len == 0 || start >= TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	return unmap_region(mm, start, start + ALIGN_UP(len, PAGE_SIZE));
}

/* exit_mmap - the address space's last user is gone: unmap every VMA, free every table. */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *tmp;

	for_each_vma(mm, vma)
		zap_page_range(vma, vma->vm_start, vma->vm_end);
	free_pgtables(mm, 0, 0);
	list_for_each_entry_safe(vma, tmp, &mm->mmap_list, vm_list) {
		vma_unlink(mm, vma);
		vm_area_free(vma);
	}
}

/* --- mapping --- */

/* get_unmapped_area - see mm/internal.h: top-down search for a free gap of @len below
 * mm->mmap_base (Linux's default layout); a free, page-rounded hint @addr wins. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma;
	unsigned long top = mm->mmap_base;

	if (addr) {			/* a hint: taken when the range is free */
		addr = ALIGN_UP(addr, PAGE_SIZE);
		vma = find_vma(mm, addr);
		if (addr >= MMAP_MIN_ADDR && addr <= TASK_SIZE - len && (!vma || addr + len <= vma->vm_start))
			return addr;
	}
	/* Walk down from the highest VMA; the first gap below mmap_base that fits wins. */
	for (struct list_head *pos = mm->mmap_list.prev; pos != &mm->mmap_list; pos = pos->prev) {
		vma = list_entry(pos, struct vm_area_struct, vm_list);
		if (vma->vm_start >= top)
			continue;
		if (vma->vm_end <= top && top - vma->vm_end >= len)
			return top - len;
		top = vma->vm_start;
	}
	if (top >= MMAP_MIN_ADDR + len)
		return top - len;
	return -ENOMEM;
}

/*
 * file_mmap_ok - may [pgoff, pgoff + len) of @file be mapped at all? The offset plus the
 * length must stay within the largest file offset (Linux's file_mmap_ok(): -EOVERFLOW).
 */
static bool file_mmap_ok(const struct file *file, unsigned long len, unsigned long pgoff)
{
	unsigned long maxsize = MAX_LFS_FILESIZE;

	(void)file;
	if (len > maxsize)
		return false;
	maxsize -= len;
	return pgoff <= maxsize >> PAGE_SHIFT;
}

unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	unsigned long vm_flags = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	if (prot & PROT_READ)
		vm_flags |= VM_READ;
	if (prot & PROT_WRITE)
		vm_flags |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm_flags |= VM_EXEC;
	if ((flags & MAP_TYPE) != MAP_PRIVATE)
		vm_flags |= VM_SHARED | VM_MAYSHARE;
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	return vm_flags;
}

unsigned long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	unsigned long type = flags & MAP_TYPE, vm_flags;
	struct vm_area_struct *vma;
	int err;

	if (len == 0)
		return -EINVAL;
	if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && !IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	if (len > TASK_SIZE)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;

	/* mlockall(MCL_FUTURE) locks every new mapping (mm->def_flags), MAP_LOCKED this one. */
	vm_flags = calc_vm_flags(prot, flags) | mm->def_flags;
	if (flags & MAP_LOCKED) {
		if (!can_do_mlock())
			return -EPERM;
		vm_flags |= VM_LOCKED;
	}
	if (mlock_future_check(mm, vm_flags, len))
		return -EAGAIN;
	if (file && !file_mmap_ok(file, len, pgoff))
		return -EOVERFLOW;
	if (file) {
		unsigned int acc = file->f_flags & O_ACCMODE;

		if (!file->f_op || !file->f_op->mmap)
			return -ENODEV;
		if (acc == O_WRONLY)
			return -EACCES;
		if (type != MAP_PRIVATE && acc != O_RDWR) {
			if (prot & PROT_WRITE)
				return -EACCES;
			vm_flags &= ~VM_MAYWRITE;
		}
	}

	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr < MMAP_MIN_ADDR || addr > TASK_SIZE - len)
			return -ENOMEM;
		vma = find_vma(mm, addr);
		if ((flags & MAP_FIXED_NOREPLACE) && vma && vma->vm_start < addr + len)
			return -EEXIST;
		err = unmap_region(mm, addr, addr + len);	/* MAP_FIXED replaces what was there */
		if (err)
			return err;
	} else {
		addr = get_unmapped_area(mm, addr, len);
		if (IS_ERR_VALUE(addr))
			return addr;
	}

	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = file ? pgoff : addr >> PAGE_SHIFT;
	if (file) {
		vma->vm_file = get_file(file);
		err = file->f_op->mmap(file, vma);
	} else if (vm_flags & VM_SHARED) {
		err = shmem_zero_setup(vma);			/* shared anonymous memory */
		vma->vm_pgoff = 0;
	} else {
		err = 0;
	}
	if (err) {
		vm_area_free(vma);
		return err;
	}
	vma_set_page_prot(vma);		/* ->mmap may have asked for write notification */
	vma_link_file(vma);		/* on its file's (or shmem object's) i_mmap */
	vma_link(mm, vma);
	vma_merge(mm, vma);
	return addr;
}

/* --- brk --- */

unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long oldbrk = ALIGN_UP(mm->brk, PAGE_SIZE), newbrk = ALIGN_UP(brk, PAGE_SIZE);
	struct vm_area_struct *next;

	if (brk < mm->start_brk || brk > TASK_SIZE)
		return mm->brk;
	if (newbrk == oldbrk) {
		mm->brk = brk;
		return brk;
	}
	if (newbrk < oldbrk) {				/* shrink: the pages are gone for good */
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			return mm->brk;
		mm->brk = brk;
		return brk;
	}
	next = find_vma(mm, oldbrk);
	if (next && next->vm_start < newbrk)		/* would run into another mapping */
		return mm->brk;
	unsigned long addr = do_mmap(mm, NULL, oldbrk, newbrk - oldbrk, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_FIXED, 0);
	if (IS_ERR_VALUE(addr))
		return mm->brk;
	struct vm_area_struct *heap = find_vma(mm, oldbrk);
	if (heap)
		heap->vm_flags |= VM_ACCOUNT_BRK;
	vma_merge(mm, heap);
	mm->brk = brk;
	return brk;
}

int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev = vma_prev(mm, vma);
	unsigned long new_start = address & PAGE_MASK;

	if (!(vma->vm_flags & VM_GROWSDOWN) || new_start >= vma->vm_start)
		return new_start >= vma->vm_start ? 0 : -ENOMEM;
	if (vma->vm_end - new_start > STACK_RLIMIT)
		return -ENOMEM;
	if (mlock_future_check(mm, vma->vm_flags, vma->vm_start - new_start))
		return -ENOMEM;			/* a locked stack may not grow past RLIMIT_MEMLOCK */
	if (prev && prev->vm_end + PAGE_SIZE > new_start)	/* keep a guard gap */
		return -ENOMEM;
	vm_stat_account(mm, vma->vm_flags, (long)((vma->vm_start - new_start) >> PAGE_SHIFT));
	vma->vm_pgoff -= (vma->vm_start - new_start) >> PAGE_SHIFT;
	vma->vm_start = new_start;		/* the rbtree key changes, its order does not */
	return 0;
}

/* --- system calls --- */

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      unsigned long fd, unsigned long off)
{
	struct file *file = NULL;
	bool populate;
	long ret;

	if (!IS_ALIGNED(off, PAGE_SIZE))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((int)fd);
		if (!file)
			return -EBADF;
	}
	ret = mmap_write_lock_killable(current->mm);
	if (!ret) {
		/* MAP_LOCKED (or mlockall(MCL_FUTURE)) and MAP_POPULATE fault the pages in once the
		 * mapping exists, ignoring errors, as Linux's vm_mmap_pgoff -> mm_populate. */
		populate = (flags & MAP_LOCKED) || (current->mm->def_flags & VM_LOCKED) ||
			   (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE;
		ret = (long)do_mmap(current->mm, file, addr, len, prot, flags, off >> PAGE_SHIFT);
		mmap_write_unlock(current->mm);
		if (populate && !IS_ERR_VALUE(ret))
			mm_populate(current->mm, (unsigned long)ret, len);
	}
	if (file)
		fput(file);		/* the VMA took its own reference */
	return ret;
}

/* The system calls that change VMAs hold mmap_lock for writing (mm/mmap_lock.h); waiting
 * for it, SIGKILL ends them with -EINTR (brk: the old break, its way of failing). */
long sys_munmap(unsigned long addr, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	ret = do_munmap(mm, addr, len);
	mmap_write_unlock(mm);
	return ret;
}

long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long oldbrk;
	long ret;

	if (mmap_write_lock_killable(mm))
		return (long)mm->brk;
	oldbrk = ALIGN_UP(mm->brk, PAGE_SIZE);
	ret = (long)do_brk(mm, brk);
	mmap_write_unlock(mm);
	/* After mlockall(MCL_FUTURE) the new heap is locked: fault it in (Linux's sys_brk). */
	if ((mm->def_flags & VM_LOCKED) && ALIGN_UP((unsigned long)ret, PAGE_SIZE) > oldbrk)
		mm_populate(mm, oldbrk, ALIGN_UP((unsigned long)ret, PAGE_SIZE) - oldbrk);
	return ret;
}

void vma_set_end(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long end)
{
	vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
	vma->vm_end = end;
	vm_stat_account(mm, vma->vm_flags, (long)vma_pages(vma));
}

unsigned long new_anon_id(void)
{
	static unsigned long last_anon_id;

	return ++last_anon_id;
}
