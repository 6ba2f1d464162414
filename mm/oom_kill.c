/*
 * mm/oom_kill.c - the OOM killer: when RAM for user pages runs out, kill the process whose
 * death frees the most, let it free its memory, and retry the allocation that failed.
 *
 * Without it, the allocation that finds no memory simply fails, and the process that happens
 * to ask is killed - or, inside copy_to_user(), its system call returns short and it lives on
 * with all of RAM, so the next process to fault (init, say) is the one that dies. Linux's
 * answer, followed here with its names:
 *
 *   __alloc_pages_may_oom()   an allocation that may OOM (__GFP_HARDWALL: GFP_USER,
 *   (mm/page_alloc.c)         GFP_HIGHUSER_MOVABLE) finds no free block: out_of_memory(),
 *                             then retry while that freed memory
 *   out_of_memory()           wait for an earlier victim still exiting; else
 *     select_bad_process()      the candidate with the largest oom_badness(): resident
 *                               pages + page tables (+ swap entries); never init while
 *                               anything else can be killed
 *     oom_kill_process()        log it, SIGKILL it and every task sharing its mm (vfork)
 *     oom_wait_for_victims()    unless the victim is current: sleep until its mm is gone
 *   pagefault_out_of_memory() a fault that still ended in VM_FAULT_OOM (mm/fault.c)
 *
 * The victims of the current episode are remembered by pid (Linux's oom_victims and
 * tsk_is_oom_victim()); while one is still exiting no new victim is chosen, so one shortage
 * does not kill a process per failed allocation. A victim that does not exit within
 * OOM_VICTIM_TIMEOUT_NS (stuck in a sleep that a signal cannot end) is given up on, as
 * Linux's oom_reaper sets MMF_OOM_SKIP, and the next call chooses someone else.
 *
 * Faultline runs one CPU and never preempts kernel code, so the task list is stable between
 * the sleeps below; pids are never reused (kernel_clone counts up), so a pid names one task.
 */
#include "mm/oom_kill.h"
#include "mm/vmstat.h"
#include "mm/mm_types.h"
#include "mm/lru.h"
#include "mm/swap.h"
#include "mm/pgtable.h"
#include "fs/pagemap.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/io.h"

extern struct list_head task_list;

#define OOM_MAX_VICTIMS		16		/* tasks of one episode followed (vfork sharers) */
#define OOM_VICTIM_TIMEOUT_NS	(2 * NSEC_PER_SEC)	/* give up on a victim after this */
#define OOM_WAIT_STEP_NS	(NSEC_PER_SEC / HZ)	/* recheck the victims every tick */
#define LONG_MIN		(-__LONG_MAX__ - 1L)	/* oom_badness(): not a candidate */

static pid_t oom_victim_pids[OOM_MAX_VICTIMS];	/* killed, maybe not gone yet */
static int oom_victims;				/* entries used in oom_victim_pids */

/* K(x) - pages to kB, as in Linux's oom_kill.c. */
#define K(x)	((x) << (PAGE_SHIFT - 10))

/* task_exiting - @p is past the point of needing a kill: a zombie, without an mm, or with
 * SIGKILL pending (it dies at its next return to user mode). */
static bool task_exiting(const struct task_struct *p)
{
	return p->state == TASK_ZOMBIE || p->state == TASK_DEAD || !p->mm ||
	       (p->pending & (1UL << (SIGKILL - 1)));
}

/* find_init_mm - the mm of pid 1 (NULL if there is none yet, or init has exited). */
static struct mm_struct *find_init_mm(void)
{
	struct task_struct *init = find_task_by_pid(1);

	return init && !task_exiting(init) ? init->mm : NULL;
}

/* oom_victim_alive - is the victim with @pid still holding its mm? */
static bool oom_victim_alive(pid_t pid)
{
	struct task_struct *p = find_task_by_pid(pid);

	return p && p->mm && p->state != TASK_ZOMBIE && p->state != TASK_DEAD;
}

/* oom_victims_pending - forget the victims that have released their mm (Linux's
 * exit_oom_victim()); returns how many are still on their way out. */
static int oom_victims_pending(void)
{
	int i, n = 0;

	for (i = 0; i < oom_victims; i++)
		if (oom_victim_alive(oom_victim_pids[i]))
			oom_victim_pids[n++] = oom_victim_pids[i];
	oom_victims = n;
	return n;
}

bool tsk_is_oom_victim(struct task_struct *p)
{
	for (int i = 0; i < oom_victims; i++)
		if (oom_victim_pids[i] == p->pid)
			return true;
	return false;
}

/* mark_oom_victim - remember @p until it has released its mm. */
static void mark_oom_victim(struct task_struct *p)
{
	if (tsk_is_oom_victim(p))
		return;
	if (oom_victims < OOM_MAX_VICTIMS)
		oom_victim_pids[oom_victims++] = p->pid;
	/* Past the table the task is still killed, just not waited for: the wait ends early
	 * and the retried allocation finds out whether enough was freed. */
}

long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	struct mm_struct *mm = p->mm;

	(void)totalpages;	/* Linux: points += oom_score_adj * totalpages / 1000 */
	if (task_exiting(p))
		return LONG_MIN;
	/* Linux's sum: resident pages, swap entries (none until swap exists) and page tables. */
	return (long)(get_mm_rss(mm) + get_mm_counter(mm, MM_SWAPENTS) +
		      mm_pgtables_bytes(mm) / PAGE_SIZE);
}

void select_bad_process(struct oom_control *oc)
{
	struct mm_struct *init_mm = find_init_mm();
	struct task_struct *p, *init_choice = NULL;
	long init_points = LONG_MIN;

	oc->chosen = NULL;
	oc->chosen_points = LONG_MIN;
	list_for_each_entry(p, &task_list, tasks) {
		long points = oom_badness(p, oc->totalpages);

		if (points == LONG_MIN)
			continue;
		if (init_mm && p->mm == init_mm) {
			if (points >= init_points) {
				init_choice = p;
				init_points = points;
			}
			continue;
		}
		if (points >= oc->chosen_points) {
			oc->chosen = p;
			oc->chosen_points = points;
		}
	}
	if (!oc->chosen && init_choice) {
		oc->chosen = init_choice;
		oc->chosen_points = init_points;
	}
}

/* dump_tasks - Linux's "Tasks state" table: every candidate's memory, in pages. */
static void dump_tasks(void)
{
	struct task_struct *p;

	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	list_for_each_entry(p, &task_list, tasks) {
		struct mm_struct *mm = p->mm;

		if (!mm || p->state == TASK_ZOMBIE || p->state == TASK_DEAD)
			continue;
		pr_info("[%7d] %5d %5d %8lu %8lu %8lu %8lu         %5hd %s\n", p->pid, 0, p->pid,
			mm->total_vm, get_mm_rss(mm), mm_pgtables_bytes(mm),
			get_mm_counter(mm, MM_SWAPENTS),
			(short)0, p->comm);
	}
}

/* show_mem - where the memory is, in pages, as Linux's show_mem lines (the counters Faultline
 * keeps): the LRU lists, what is on none of them, the page cache, the swap cache and swap. */
static void show_mem(void)
{
	unsigned long cached = nr_pagecache_pages(), shmem = global_node_page_state(NR_SHMEM);
	unsigned long file = lru_pages(LRU_ACTIVE_FILE) + lru_pages(LRU_INACTIVE_FILE);
	unsigned long swap_total, swap_free;

	si_swapinfo(&swap_total, &swap_free);
	pr_info("Mem-Info:\n");
	pr_info("active_anon:%lu inactive_anon:%lu active_file:%lu inactive_file:%lu unevictable:%lu\n",
		lru_pages(LRU_ACTIVE_ANON), lru_pages(LRU_INACTIVE_ANON), lru_pages(LRU_ACTIVE_FILE),
		lru_pages(LRU_INACTIVE_FILE), cached > file + shmem ? cached - file - shmem : 0);
	pr_info(" dirty:%lu writeback:%lu mapped:%lu shmem:%lu pagetables:%lu free:%lu\n",
		global_node_page_state(NR_FILE_DIRTY), global_node_page_state(NR_WRITEBACK),
		global_node_page_state(NR_FILE_MAPPED), shmem, nr_pagetable_pages, nr_free_pages());
	pr_info("%lu total pagecache pages\n", cached);
	pr_info("%lu pages in swap cache\n", total_swapcache_pages());
	pr_info("Free swap  = %lukB\n", swap_free * 4);
	pr_info("Total swap = %lukB\n", swap_total * 4);
	pr_info("%lu pages RAM\n", totalram_pages());
}

/* dump_header - what Linux prints before choosing: who asked, for what, memory, the tasks. */
static void dump_header(struct oom_control *oc)
{
	pr_warn("%s invoked oom-killer: gfp_mask=%#x, order=%d, oom_score_adj=%hd\n",
		current->comm, oc->gfp_mask, oc->order, (short)0);
	show_mem();
	dump_tasks();
}

/*
 * oom_kill_process - log the chosen victim in Linux 6.1's format, then SIGKILL it and every
 * other task sharing its mm (the mm is freed only when all of them have let go of it).
 */
static void oom_kill_process(struct oom_control *oc, const char *message)
{
	struct task_struct *victim = oc->chosen, *p;
	struct mm_struct *mm = victim->mm;

	dump_header(oc);
	pr_info("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
		"global_oom,task_memcg=/,task=%s,pid=%d,uid=0\n", victim->comm, victim->pid);
	pr_err("%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, "
	       "shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd\n", message, victim->pid,
	       victim->comm, K(mm->total_vm), K(get_mm_counter(mm, MM_ANONPAGES)),
	       K(get_mm_counter(mm, MM_FILEPAGES)), K(get_mm_counter(mm, MM_SHMEMPAGES)), 0U,
	       mm_pgtables_bytes(mm) >> 10, (short)0);
	mark_oom_victim(victim);
	count_vm_event(OOM_KILL);
	send_signal(victim, SIGKILL);
	list_for_each_entry(p, &task_list, tasks) {
		if (p == victim || p->mm != mm || task_exiting(p))
			continue;
		pr_err("%s: Killed process %d (%s) sharing memory with %d (%s)\n", message, p->pid,
		       p->comm, victim->pid, victim->comm);
		mark_oom_victim(p);
		send_signal(p, SIGKILL);
	}
}

/*
 * oom_wait_for_victims - let the victims run until they have released their mm. Returns
 * true when they have; false if the current task got SIGKILL meanwhile, or the victims did
 * not exit within OOM_VICTIM_TIMEOUT_NS - then they are forgotten, so that the next call
 * chooses someone else (they still have SIGKILL pending and are no candidates).
 */
static bool oom_wait_for_victims(void)
{
	u64 deadline = ktime_get_ns() + OOM_VICTIM_TIMEOUT_NS;

	while (oom_victims_pending()) {
		if (task_exiting(current))
			return false;
		if (ktime_get_ns() >= deadline) {
			for (int i = 0; i < oom_victims; i++)
				pr_warn("oom_kill: process %d did not exit within %lu ms: giving up on it\n",
					oom_victim_pids[i], OOM_VICTIM_TIMEOUT_NS / 1000000);
			oom_victims = 0;
			return false;
		}
		/* Sleep a tick (the victims run meanwhile). A pending signal cuts the sleep
		 * short at once: still give the CPU away. */
		if (schedule_timeout_ns(ktime_get_ns() + OOM_WAIT_STEP_NS))
			schedule();
	}
	return true;
}

/* irqs_enabled - may this context sleep (the victim-wait needs the timer)? */
static bool irqs_enabled(void)
{
	unsigned long flags = local_irq_save();

	local_irq_restore(flags);
	return flags & X86_EFLAGS_IF;
}

bool out_of_memory(struct oom_control *oc)
{
	/* Dying anyway (maybe an earlier victim): its allocation fails, its memory comes back
	 * when it exits. Linux lets it dip into reserves instead; Faultline keeps none.
	 * A task without an mm (the idle task at boot) counts as exiting: it cannot wait. */
	if (task_exiting(current))
		return false;
	if (!irqs_enabled()) {
		pr_warn("out_of_memory: called with interrupts off by %s[%d]: not waiting\n",
			current->comm, current->pid);
		return false;
	}
	/* An earlier victim is still exiting: its memory is about to come back. */
	if (oom_victims_pending()) {
		if (oom_wait_for_victims())
			return true;
		if (task_exiting(current))
			return false;
	}
	oc->totalpages = totalram_pages();
	select_bad_process(oc);
	if (!oc->chosen) {
		pr_err("Out of memory and no killable processes...\n");
		return false;
	}
	oom_kill_process(oc, "Out of memory");
	if (tsk_is_oom_victim(current))
		return false;		/* current dies on its way back to user mode */
	return oom_wait_for_victims();
}

bool pagefault_out_of_memory(void)
{
	struct oom_control oc = { .gfp_mask = 0, .order = -1 };

	if (!task_exiting(current))
		out_of_memory(&oc);
	return !task_exiting(current);
}
