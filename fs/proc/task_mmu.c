/*
 * fs/proc/task_mmu.c - a process's memory as /proc shows it (Linux's fs/proc/task_mmu.c):
 * /proc/PID/maps (the seed's VMAs made visible), the memory lines of /proc/PID/status, and
 * /proc/PID/pagemap (for each virtual page: present, swapped or neither, and where).
 */
#include "fs/proc/internal.h"
#include "mm/mm_types.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "mm/pagewalk.h"
#include "mm/swapops.h"
#include "kernel/errno.h"
#include "kernel/lib/vsprintf.h"
#include "mm/slab.h"

size_t maps_show(char *buf, size_t size, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	struct vm_area_struct *vma;
	size_t len = 0;

	buf[0] = '\0';
	if (!mm)
		return 0;
	/* Read-held (killable): no VMA is split or freed under the walk (mm/mmap_lock.h). */
	if (mmap_read_lock_killable(mm)) {
		mmput(mm);
		return 0;
	}
	for_each_vma(mm, vma) {
		const char *name = NULL;
		unsigned long ino = 0;
		int n;

		if (vma->vm_file) {
			name = vma->vm_file->f_path;
			ino = vma->vm_file->f_inode->i_ino;
		} else if (vma->vm_flags & VM_ACCOUNT_BRK) {
			name = "[heap]";
		} else if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack) {
			name = "[stack]";
		} else if (vma->vm_ops && vma->vm_ops->name) {
			name = vma->vm_ops->name(vma);
		}
		n = scnprintf(buf + len, size - len, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu",
			      vma->vm_start, vma->vm_end,
			      (vma->vm_flags & VM_READ) ? 'r' : '-', (vma->vm_flags & VM_WRITE) ? 'w' : '-',
			      (vma->vm_flags & VM_EXEC) ? 'x' : '-', (vma->vm_flags & VM_MAYSHARE) ? 's' : 'p',
			      vma->vm_file ? vma->vm_pgoff << PAGE_SHIFT : 0, 0, vma->vm_file ? 1 : 0, ino);
		len += (size_t)n;
		if (name) {
			/* Linux pads the name to column 73 (25 + 6 * sizeof(void *)). */
			while (n < 73 && len + 1 < size) {
				buf[len++] = ' ';
				n++;
			}
			len += (size_t)scnprintf(buf + len, size - len, "%s", name);
		}
		len += (size_t)scnprintf(buf + len, size - len, "\n");
		if (len + 1 >= size)
			break;
	}
	mmap_read_unlock(mm);
	mmput(mm);
	return len;
}

size_t task_mem(struct mm_struct *mm, char *buf, size_t size)
{
	unsigned long anon = get_mm_counter(mm, MM_ANONPAGES), file = get_mm_counter(mm, MM_FILEPAGES);
	unsigned long shmem = get_mm_counter(mm, MM_SHMEMPAGES);

	return (size_t)scnprintf(buf, size,
				 "VmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\n"
				 "RssFile:\t%8lu kB\nRssShmem:\t%8lu kB\nVmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n",
				 mm->total_vm << (PAGE_SHIFT - 10), mm->locked_vm << (PAGE_SHIFT - 10),
				 get_mm_rss(mm) << (PAGE_SHIFT - 10),
				 anon << (PAGE_SHIFT - 10), file << (PAGE_SHIFT - 10),
				 shmem << (PAGE_SHIFT - 10), mm_pgtables_bytes(mm) >> 10,
				 get_mm_counter(mm, MM_SWAPENTS) << (PAGE_SHIFT - 10));
}

/* pagemap entry bits (Documentation/admin-guide/mm/pagemap.rst). */
#define PM_ENTRY_BYTES		sizeof(u64)
#define PM_PFRAME_MASK		((1ULL << 55) - 1)
#define PM_SWAP_OFFSET_SHIFT	5		/* a swapped page: bits 0-4 type, 5-54 offset */
#define PM_MMAP_EXCLUSIVE	(1ULL << 56)
#define PM_FILE			(1ULL << 61)
#define PM_SWAP			(1ULL << 62)
#define PM_PRESENT		(1ULL << 63)
#define PM_BATCH		64

struct pagemapread {
	u64 buffer[PM_BATCH];
	size_t pos;		/* entries filled */
};

static int pagemap_pte(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	struct pagemapread *pm = walk->private;
	pte_t pte = ptep_get(ptep);
	u64 e = 0;

	if (pte_present(pte)) {
		struct page *page = vm_normal_page(NULL, addr, pte);

		e = PM_PRESENT | (pte_pfn(pte) & PM_PFRAME_MASK);
		if (page && !PageAnon(page))
			e |= PM_FILE;
		if (page && page->_mapcount == 1)
			e |= PM_MMAP_EXCLUSIVE;
	} else if (is_swap_pte(pte)) {
		swp_entry_t entry = pte_to_swp_entry(pte);

		e = PM_SWAP | swp_type(entry) | ((u64)swp_offset(entry) << PM_SWAP_OFFSET_SHIFT);
	}
	pm->buffer[pm->pos++] = e;
	return 0;
}

static int pagemap_hole(unsigned long addr, unsigned long next, struct mm_walk *walk)
{
	struct pagemapread *pm = walk->private;

	for (; addr < next; addr += PAGE_SIZE)
		pm->buffer[pm->pos++] = 0;
	return 0;
}

static const struct mm_walk_ops pagemap_ops = { .pte_entry = pagemap_pte, .pte_hole = pagemap_hole };

/* pagemap_open - the process must still exist: 0 or -ESRCH. */
static int pagemap_open(struct inode *inode, struct file *file)
{
	(void)file;
	return proc_task(inode) ? 0 : -ESRCH;
}

/*
 * pagemap_read - the entries of the pages [*pos / 8, ...) of the task's address space, each
 * 8 bytes (Linux's format). Position and count must be multiples of 8 (-EINVAL). Returns the
 * bytes read, 0 past the end of user space or once the process has gone, or -EFAULT.
 */
static ssize_t pagemap_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	unsigned long vpn, end_vpn = TASK_SIZE >> PAGE_SHIFT;
	struct task_struct *task = NULL;
	struct mm_struct *mm;
	struct pagemapread *pm;
	size_t done = 0;
	bool killed = false;

	if (*pos < 0 || (*pos % PM_ENTRY_BYTES) || (count % PM_ENTRY_BYTES))
		return -EINVAL;
	pm = kmalloc(sizeof(*pm), GFP_KERNEL);
	if (!pm)
		return -ENOMEM;
	vpn = (unsigned long)*pos / PM_ENTRY_BYTES;
	while (done < count && vpn < end_vpn) {
		size_t n = min(min((count - done) / PM_ENTRY_BYTES, (size_t)PM_BATCH),
			       (size_t)(end_vpn - vpn));
		size_t left;

		/* Looked up per batch: a long read gives the CPU away in between (Linux's
		 * cond_resched), and the process may exit meanwhile. */
		task = proc_task(file->f_inode);
		mm = task ? get_task_mm(task) : NULL;
		if (!mm)
			break;
		/* Read-held for the walk only: the copy to the reader's memory may fault, and
		 * the reader may be a thread of this very process (mm/mmap_lock.h). */
		if (mmap_read_lock_killable(mm)) {
			mmput(mm);
			killed = true;
			break;
		}
		pm->pos = 0;
		walk_page_range(mm, vpn << PAGE_SHIFT, (vpn + n) << PAGE_SHIFT, &pagemap_ops, pm);
		mmap_read_unlock(mm);
		mmput(mm);
		left = copy_to_user(buf + done, pm->buffer, n * PM_ENTRY_BYTES);
		n = (n * PM_ENTRY_BYTES - left) / PM_ENTRY_BYTES;	/* whole entries copied */
		done += n * PM_ENTRY_BYTES;
		vpn += n;
		if (left)
			break;
		if (need_resched)
			schedule();
	}
	kfree(pm);
	if (killed && !done)
		return -EINTR;
	task = proc_task(file->f_inode);
	if (!done && count && vpn < end_vpn && task && task->mm)
		return -EFAULT;
	*pos += (loff_t)done;
	return (ssize_t)done;
}

const struct file_operations proc_pagemap_operations = {
	.open = pagemap_open,
	.read = pagemap_read,
};

unsigned long task_statm(struct mm_struct *mm, unsigned long *shared, unsigned long *text,
			 unsigned long *data, unsigned long *resident)
{
	struct vm_area_struct *vma;

	*shared = get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_SHMEMPAGES);
	*text = (((mm->end_code + PAGE_SIZE - 1) & PAGE_MASK) - (mm->start_code & PAGE_MASK))
		>> PAGE_SHIFT;
	*resident = *shared + get_mm_counter(mm, MM_ANONPAGES);
	/* Linux's data_vm + stack_vm: private writable mappings and the stack, in pages. */
	*data = 0;
	for_each_vma(mm, vma)
		if ((vma->vm_flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE ||
		    (vma->vm_flags & VM_STACK))
			*data += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	return mm->total_vm;
}
