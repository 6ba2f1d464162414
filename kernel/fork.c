/*
 * kernel/fork.c - creating processes: fork, vfork and clone.
 *
 * Seed concept: "instead of duplicating page frames, they are shared between the parent and
 * the child process" - dup_mm() copies the VMAs and page tables and write-protects
 * private pages in both; the first write to one of them takes a copy-on-write fault.
 * vfork (CLONE_VM | CLONE_VFORK) shares the parent's mm outright and stops the parent until
 * the child calls execve or exits.
 *
 * Threads: clone(CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | ...), as pthread_create calls
 * it, makes a task that shares the mm (counted in mm_users; mm->mmap_lock keeps the VMAs
 * consistent between them), the signal actions (sighand), the process's signal_struct and
 * usually the file table (CLONE_FILES), in the caller's thread group.
 */
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "kernel/syscalls.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/io.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "mm/internal.h"
#include "mm/memory.h"
#include "mm/page_alloc.h"
#include "mm/rmap.h"
#include "fs/fs.h"
#include "kernel/futex.h"

extern struct list_head task_list;
void ret_from_fork(void);

#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000
#define CSIGNAL			0x000000ff

/* --- the mm_struct and its VMAs: creating, copying, dropping (Linux keeps these here too) --- */

/* mm_alloc - see mm/mmap.h. The PGD's kernel half is copied from swapper_pg_dir. */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);
	phys_addr_t pgd;

	if (!mm)
		return NULL;
	pgd = pt_alloc_page();
	if (!pgd) {
		kfree(mm);
		return NULL;
	}
	mm->pgd = __va(pgd);
	/* The kernel half is the same in every address space (its top-level entries never change). */
	memcpy(mm->pgd + 256, swapper_pg_dir + 256, 256 * sizeof(pgd_t));
	mm->mm_rb = RB_ROOT;
	INIT_LIST_HEAD(&mm->mmap_list);
	mm->mm_users = 1;
	init_rwsem(&mm->mmap_lock);
	mm->mmap_base = MMAP_BASE;
	return mm;
}

/* vm_area_alloc - a new, zeroed VMA of @mm, not yet linked. NULL if out of memory. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (vma) {
		vma->vm_mm = mm;
		INIT_LIST_HEAD(&vma->vm_list);
		RB_CLEAR_NODE(&vma->vm_rb);
		INIT_LIST_HEAD(&vma->anon_vma_node);
		INIT_LIST_HEAD(&vma->shared);
	}
	return vma;
}

/* vm_area_dup - a copy of @orig (same backing: the file and shared object gain a user). */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *vma = vm_area_alloc(orig->vm_mm);

	if (!vma)
		return NULL;
	*vma = *orig;
	INIT_LIST_HEAD(&vma->vm_list);
	RB_CLEAR_NODE(&vma->vm_rb);
	if (vma->vm_file)
		get_file(vma->vm_file);
	if (vma->vm_ops && vma->vm_ops->open)
		vma->vm_ops->open(vma);
	anon_vma_clone(vma, orig);	/* the copy joins the family (fork: Linux's anon_vma_fork) */
	vma_link_file(vma);
	return vma;
}

/* vm_area_free - drop @vma's hold on its backing and free it (it must be unlinked). */
void vm_area_free(struct vm_area_struct *vma)
{
	unlink_anon_vmas(vma);
	unlink_file_vma(vma);
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	kfree(vma);
}

static const char *const resident_page_types[NR_MM_COUNTERS] = {
	"MM_FILEPAGES", "MM_ANONPAGES", "MM_SWAPENTS", "MM_SHMEMPAGES",
};

/* check_mm - an mm about to be freed must account for nothing: every counted page was
 * unmapped and every page table freed. Anything else is a leak or a double count (Linux's
 * check_mm(), with its messages). */
static void check_mm(struct mm_struct *mm)
{
	for (int i = 0; i < NR_MM_COUNTERS; i++)
		if (mm->rss_stat[i])
			pr_alert("BUG: Bad rss-counter state mm:%p type:%s val:%ld\n", mm,
				 resident_page_types[i], mm->rss_stat[i]);
	if (mm->pgtables_bytes)
		pr_alert("BUG: non-zero pgtables_bytes on freeing mm: %lu\n", mm->pgtables_bytes);
	for (int i = 0; i < USER_PTRS_PER_PGD; i++)
		if (!pgd_none(mm->pgd[i]))
			pr_alert("BUG: pgd entry %d (%#lx) still set on freeing mm\n", i, pgd_val(mm->pgd[i]));
}

/* mmput - see mm/mmap.h: the last user tears the address space down (exit_mmap) and checks
 * that nothing is left accounted to it before freeing it. */
void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users > 0)
		return;
	set_mm_exe_file(mm, NULL);
	exit_mmap(mm);
	check_mm(mm);
	pt_free_page(__pa(mm->pgd));
	kfree(mm);
}

struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm = task->mm;

	if (mm)
		mm->mm_users++;
	return mm;
}

/* dup_mm - see mm/mmap.h: the mm fields, then each VMA and its page-table entries
 * (copy_page_range write-protects private pages in both). As Linux's dup_mmap(), a
 * VM_DONTCOPY VMA is left out and a VM_WIPEONFORK VMA is copied without its pages; the
 * child has no memory locks (no VM_LOCKED, locked_vm and def_flags 0). */
struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;

	if (!mm)
		return NULL;
	mm->mmap_base = old->mmap_base;
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	if (set_mm_exe_file(mm, old->exe_file))
		goto fail;

	for_each_vma(old, vma) {
		struct vm_area_struct *copy;
		long anon_before;

		if (vma->vm_flags & VM_DONTCOPY)
			continue;		/* madvise(MADV_DONTFORK): a hole in the child */
		copy = vm_area_dup(vma);
		if (!copy)
			goto fail;
		copy->vm_mm = mm;
		copy->vm_anon_id = 0;
		copy->vm_flags &= VM_LOCKED_CLEAR_MASK;	/* locks are not inherited (mm/mlock.c) */
		vma_link(mm, copy);
		if (vma->vm_flags & VM_WIPEONFORK)
			continue;		/* madvise(MADV_WIPEONFORK): the child starts from zeros */
		anon_before = mm->rss_stat[MM_ANONPAGES];
		if (copy_page_range(copy, vma))
			goto fail;
		/* Anonymous pages now shared with the parent: the child's VMA is memory of its own
		 * kind, not to be merged with what the child maps next (Linux's anon_vma_fork). */
		if (vma->vm_anon_id || mm->rss_stat[MM_ANONPAGES] != anon_before)
			copy->vm_anon_id = new_anon_id();
	}
	flush_tlb_local();		/* the parent's PTEs lost their write bits */
	return mm;
fail:
	flush_tlb_local();
	mmput(mm);
	return NULL;
}

static pid_t last_pid;
unsigned long total_forks;		/* tasks ever created (/proc/stat's processes) */

pid_t alloc_pid(void)
{
	return ++last_pid;
}

/*
 * alloc_thread_stack - a KERNEL_STACK_SIZE kernel stack in the vmalloc area, as Linux's
 * CONFIG_VMAP_STACK: its pages need not be contiguous, and the page below it is never mapped
 * (mm/vmalloc.c keeps an unmapped page below every area), so running off the bottom of the
 * stack faults at once - as a double fault, see report_stack_overflow - instead of silently
 * writing over whatever lies below. Returns the stack's base (lowest address) or NULL.
 */
static void *alloc_thread_stack(void)
{
	return vmalloc(KERNEL_STACK_SIZE);
}

static void free_thread_stack(void *stack)
{
	vfree(stack);
}

struct task_struct *alloc_task(void)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->sighand = kzalloc(sizeof(*p->sighand), GFP_KERNEL);
	p->signal = kzalloc(sizeof(*p->signal), GFP_KERNEL);
	p->stack = alloc_thread_stack();
	if (!p->stack || !p->sighand || !p->signal) {
		if (p->stack)
			free_thread_stack(p->stack);
		kfree(p->sighand);
		kfree(p->signal);
		kfree(p);
		return NULL;
	}
	/* A process of its own until kernel_clone makes it a thread of another. */
	p->sighand->count = 1;
	p->signal->count = 1;
	p->signal->nr_threads = 1;
	INIT_LIST_HEAD(&p->signal->thread_head);
	list_add_tail(&p->thread_node, &p->signal->thread_head);
	p->group_leader = p;
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->tasks);
	rlim_init(p->rlim);		/* root's ids are all 0: kzalloc gave them */
	return p;
}

void free_task(struct task_struct *p)
{
	free_thread_stack(p->stack);
	if (--p->sighand->count == 0)
		kfree(p->sighand);
	if (--p->signal->count == 0)
		kfree(p->signal);
	kfree(p);
}

/* copy_sighand - CLONE_SIGHAND: @p uses the caller's signal actions instead of its own. */
static void copy_sighand(struct task_struct *p)
{
	kfree(p->sighand);
	p->sighand = current->sighand;
	p->sighand->count++;
}

/* join_thread_group - CLONE_THREAD: @p becomes a thread of the caller's process (its
 * signal_struct, its leader); it is on no parent's list of children. */
static void join_thread_group(struct task_struct *p)
{
	struct signal_struct *sig = current->signal;

	kfree(p->signal);
	p->signal = sig;
	sig->count++;
	sig->nr_threads++;
	list_add_tail(&p->thread_node, &sig->thread_head);
	p->group_leader = current->group_leader;
	p->parent = NULL;		/* the process's parent is its leader's */
}

/*
 * clone_flags_valid - Linux's checks in copy_process(): 0 or -EINVAL. CLONE_THREAD needs
 * CLONE_SIGHAND (one set of actions per process), CLONE_SIGHAND needs CLONE_VM (handlers are
 * addresses in one mm), vfork needs CLONE_VM here, and init's parent cannot have children
 * (CLONE_PARENT from pid 1).
 */
static int clone_flags_valid(unsigned long flags)
{
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_VFORK) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_PARENT) && task_tgid_nr(current) == 1)
		return -EINVAL;
	return 0;
}

bool report_stack_overflow(unsigned long address)
{
	struct task_struct *tsk = current;
	unsigned long base = (unsigned long)tsk->stack;

	if (!base || address < base - PAGE_SIZE || address >= base)
		return false;
	printk(KERN_EMERG "BUG: kernel stack overflow (double-fault): %s[%d] ran off its stack "
	       "%#lx-%#lx into the guard page at %#lx\n", tsk->comm, tsk->pid, base,
	       base + KERNEL_STACK_SIZE, address);
	return true;
}

/*
 * copy_thread - lay out the child's kernel stack: its user registers (the parent's, with
 * rax = 0 so fork returns 0 in the child) at the top, and below them a switch_to frame that
 * "returns" into ret_from_fork.
 */
static void copy_thread(struct task_struct *p, const struct pt_regs *regs, unsigned long newsp)
{
	struct pt_regs *child = task_pt_regs(p);
	unsigned long *frame = (unsigned long *)child - 7;

	*child = *regs;
	child->rax = 0;
	if (newsp)
		child->rsp = newsp;
	memset(frame, 0, 6 * sizeof(unsigned long));	/* r15 r14 r13 r12 rbx rbp */
	frame[6] = (unsigned long)ret_from_fork;
	p->thread.rsp = (unsigned long)frame;
	p->thread.fsbase = current->thread.fsbase;
	/* The parent's live x87/SSE registers are the child's too. */
	__asm__ __volatile__("fxsave64 %0" : "=m"(p->thread.fxsave));
}

/*
 * wait_for_vfork_done - sleep until vfork child @p has exec'ed or exited (mm_release sets
 * vfork_done and wakes us), or until a signal is pending: a vfork parent must still die of
 * SIGKILL (Linux waits in TASK_KILLABLE). Giving up, it unhooks itself from the child so the
 * child's later mm_release does not wake a task that may be gone; the signal is then taken
 * on the way back to user mode.
 */
static void wait_for_vfork_done(struct task_struct *p)
{
	for (;;) {
		unsigned long irqf = local_irq_save();

		if (p->vfork_done) {
			local_irq_restore(irqf);
			return;
		}
		if (signal_pending(current)) {
			p->vfork_parent = NULL;
			local_irq_restore(irqf);
			return;
		}
		current->state = TASK_INTERRUPTIBLE;
		local_irq_restore(irqf);
		schedule();
	}
}

/*
 * kernel_clone - create a child process, or with CLONE_THREAD a thread of the caller's
 * process. Returns its pid (thread id), or -errno (-ENOMEM when out of memory, -EINVAL for
 * flags clone_flags_valid refuses, -EPERM for a CLONE_SETTLS base outside user space, -EINTR
 * if SIGKILL comes while fork waits for the mm's lock). A vfork parent returns when the child
 * has exec'ed or exited, or early if a signal is pending. CLONE_FS, CLONE_SYSVSEM and
 * CLONE_CHILD_SETTID are accepted (see the notes at each).
 */
long kernel_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		  int __user *child_tid, unsigned long tls)
{
	struct pt_regs *regs = current_pt_regs();
	struct task_struct *p;
	int err = clone_flags_valid(flags);

	if (err)
		return err;
	/* The new TLS base is checked as arch_prctl(ARCH_SET_FS) checks it (Linux: copy_thread
	 * -> do_arch_prctl_64): a base outside user space would fault at the switch to the child. */
	if ((flags & CLONE_SETTLS) && tls >= TASK_SIZE)
		return -EPERM;
	p = alloc_task();
	if (!p)
		return -ENOMEM;

	if (flags & CLONE_VM) {
		p->mm = current->mm;
		p->mm->mm_users++;
	} else if (current->mm) {
		/* The parent's other threads must not change its VMAs during the copy (Linux's
		 * dup_mmap takes the old mm's mmap_lock for writing). Only the caller is copied:
		 * the child is one thread. */
		if (mmap_write_lock_killable(current->mm)) {
			free_task(p);
			return -EINTR;
		}
		p->mm = dup_mm(current->mm);
		mmap_write_unlock(current->mm);
		if (!p->mm) {
			free_task(p);
			return -ENOMEM;
		}
	}
	if (flags & CLONE_FILES) {
		p->files = current->files;
		p->files->count++;
	} else {
		p->files = dup_files(current->files);
		if (!p->files) {
			if (p->mm)
				mmput(p->mm);
			free_task(p);
			return -ENOMEM;
		}
	}

	if (flags & CLONE_FS) {
		p->fs = current->fs;
		p->fs->users++;
	} else {
		p->fs = copy_fs_struct(current->fs);
		if (!p->fs) {
			put_files(p->files);
			if (p->mm)
				mmput(p->mm);
			free_task(p);
			return -ENOMEM;
		}
	}

	/* CLONE_SYSVSEM: accepted; there are no System V semaphores to share undo lists of. */
	p->pid = alloc_pid();
	total_forks++;
	memcpy(p->comm, current->comm, sizeof(p->comm));
	if (flags & CLONE_SIGHAND)
		copy_sighand(p);
	copy_signal(p, current);
	/* A thread on a new stack does not inherit the alternate signal stack (Linux). */
	if ((flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) {
		p->sas_ss_sp = 0;
		p->sas_ss_size = 0;
		p->sas_ss_flags = 0;
	}
	p->cred = current->cred;
	p->personality = current->personality;
	memcpy(p->rlim, current->rlim, sizeof(p->rlim));
	p->start_ns = ktime_get_ns();	/* /proc/PID/stat's starttime */
	copy_thread(p, regs, newsp);
	if (flags & CLONE_SETTLS)
		p->thread.fsbase = tls;
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = child_tid;
	if ((flags & CLONE_PARENT_SETTID) && parent_tid)
		put_user(p->pid, parent_tid);
	/* CLONE_CHILD_SETTID: the tid goes into the child's memory, which is the caller's for a
	 * thread or vfork child. A fork child's own copy is not written (a documented limit:
	 * Linux writes it at the child's first run; musl and glibc do not use it for fork). */
	if ((flags & CLONE_CHILD_SETTID) && child_tid && (flags & CLONE_VM))
		put_user(p->pid, child_tid);

	/* Killed while this ran (an allocation or a put_user may have slept)? Then an
	 * exit_group or a fatal signal has already zapped the threads, and a new one would
	 * escape it: give up (Linux's copy_process does the same). Nothing sleeps from here
	 * until the child is on the run queue. */
	if (fatal_signal_pending(current)) {
		if (p->mm)
			mmput(p->mm);
		if (p->files)
			put_files(p->files);
		put_fs_struct(p->fs);
		free_task(p);
		return -EINTR;
	}

	if (flags & CLONE_THREAD) {
		join_thread_group(p);
	} else {
		/* A child of any thread is a child of the process: it hangs off the leader (its
		 * wait4 may run in any thread). CLONE_PARENT: a sibling of the caller instead. */
		struct task_struct *leader = current->group_leader;

		p->parent = (flags & CLONE_PARENT) && leader->parent ? leader->parent : leader;
		list_add_tail(&p->sibling, &p->parent->children);
	}
	list_add_tail(&p->tasks, &task_list);
	if (flags & CLONE_VFORK)
		p->vfork_parent = current;
	p->state = TASK_INTERRUPTIBLE;
	wake_up_process(p);

	if (flags & CLONE_VFORK)
		wait_for_vfork_done(p);
	return p->pid;
}

long sys_fork(void)
{
	return kernel_clone(0, 0, NULL, NULL, 0);
}

long sys_vfork(void)
{
	return kernel_clone(CLONE_VM | CLONE_VFORK, 0, NULL, NULL, 0);
}

/* clone(flags, newsp, parent_tid, child_tid, tls): the x86-64 argument order. */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       int __user *child_tid, unsigned long tls)
{
	unsigned long sig = flags & CSIGNAL;

	if (sig && sig != 17 /* SIGCHLD */)
		return -EINVAL;
	return kernel_clone(flags & ~CSIGNAL, newsp, parent_tid, child_tid, tls);
}

/*
 * mm_release - @task (the current task) is done with its mm (exec or exit): if others still
 * use the mm, zero its clear_child_tid word and wake one futex waiter there (how pthread_join
 * learns that a thread has gone: Linux's mm_release); release a waiting vfork parent.
 */
void mm_release(struct task_struct *task)
{
	if (task->clear_child_tid) {
		int __user *tidptr = task->clear_child_tid;

		task->clear_child_tid = NULL;
		if (task->mm && task->mm->mm_users > 1 && !put_user(0, tidptr))
			futex_wake_address(task->mm, (unsigned long)tidptr, 1);
	}
	if (task->vfork_parent && !task->vfork_done) {
		task->vfork_done = true;
		wake_up_process(task->vfork_parent);
	}
}

/* sys_clone3 - not supported: -ENOSYS, on which glibc's pthread_create and posix_spawn fall
 * back to clone (Linux's answer before 5.3). */
long sys_clone3(void __user *uargs, size_t size)
{
	(void)uargs;
	(void)size;
	return -ENOSYS;
}
