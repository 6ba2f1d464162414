/*
 * mm/oom_kill.h - the OOM killer: when memory for user pages cannot be found, kill the
 * process whose death frees the most (Linux's mm/oom_kill.c).
 *
 * Callers: the page allocator, for an allocation marked __GFP_HARDWALL (GFP_USER,
 * GFP_HIGHUSER_MOVABLE: "user memory, may invoke the OOM killer") that finds no free block
 * (mm/page_alloc.c); the page-fault handler, for a fault that still ends in VM_FAULT_OOM
 * (pagefault_out_of_memory, mm/fault.c); later, reclaim when it makes no progress.
 */
#ifndef FAULTLINE_OOM_KILL_H
#define FAULTLINE_OOM_KILL_H

#include "kernel/types.h"
#include "mm/page_alloc.h"

struct task_struct;

/* struct oom_control - one OOM episode: what failed, and (after selection) whom to kill. */
struct oom_control {
	gfp_t gfp_mask;			/* the allocation that failed; 0 from a page fault */
	int order;			/* its order; -1 from a page fault (as Linux) */
	unsigned long totalpages;	/* RAM the badness is measured against */
	struct task_struct *chosen;	/* the victim select_bad_process() found, or NULL */
	long chosen_points;		/* its badness */
};

/*
 * oom_badness - how much memory killing @p would free, in pages: resident pages (anonymous
 * and file), page-table pages (and, once there is swap, swap entries). LONG_MIN if @p is not
 * a candidate: a kernel thread (no mm), or a task already exiting (a zombie, or SIGKILL
 * pending). @totalpages is for oom_score_adj scaling (Faultline has no oom_score_adj: 0).
 */
long oom_badness(struct task_struct *p, unsigned long totalpages);

/*
 * select_bad_process - set oc->chosen to the candidate with the largest oom_badness() and
 * oc->chosen_points to its badness (NULL and LONG_MIN if there is none). Tasks that use
 * init's mm (init itself, or its vfork child) are chosen only when there is no other
 * candidate: killing init ends the system. Ties go to the task found last (as Linux).
 * Kills nothing (out_of_memory does); exported for the self tests.
 */
void select_bad_process(struct oom_control *oc);

/*
 * out_of_memory - the OOM killer. If a victim of an earlier call is still exiting, wait for
 * it (bounded) instead of killing another. Otherwise choose the candidate with the largest
 * oom_badness() (pid 1, and tasks sharing its mm, only if nothing else can be killed), log
 * it in Linux's format, SIGKILL it and every task sharing its mm, and - unless the victim
 * is the current task - sleep until its memory is freed.
 * Returns true if memory was freed and the caller should retry its allocation; false if
 * retrying is pointless: the current task is the victim or is dying anyway (it dies on its
 * way back to user mode), no task can be killed, or the victim did not exit in time.
 * Must be called with interrupts enabled from a task that may sleep (returns false otherwise).
 */
bool out_of_memory(struct oom_control *oc);

/*
 * pagefault_out_of_memory - a page fault ended in VM_FAULT_OOM (an allocation on the fault
 * path that does not run the OOM killer itself, e.g. a page table, or one whose victim is
 * current): run the OOM killer unless the current task is already dying.
 * Returns true if the fault should be retried, false if the current task is dying (SIGKILL
 * pending): it dies at its return to user mode, so a uaccess helper should stop short.
 * (Linux's returns void and leaves the decision to the arch code's fatal_signal_pending().)
 */
bool pagefault_out_of_memory(void);

/* tsk_is_oom_victim - @p was killed by the OOM killer and has not released its mm yet. */
bool tsk_is_oom_victim(struct task_struct *p);

#endif
