/*
 * kernel/sched.h - tasks (processes) and the scheduler.
 *
 * Faultline runs one CPU. Every thread is one task with its own kernel stack (vmalloc'ed,
 * with a guard page) and, unless it is a kernel thread, an mm_struct. A process is a thread
 * group: the tasks clone(CLONE_THREAD) made share one signal_struct (below), the mm, the
 * signal actions and usually the file table; the group leader's pid is the process id. The scheduler is
 * round-robin: the timer interrupt (PIT, HZ ticks a second) preempts a task whose time
 * slice ran out; tasks that wait (wait4, nanosleep, a console read) sleep until woken.
 */
#ifndef FAULTLINE_SCHED_H
#define FAULTLINE_SCHED_H

#include "kernel/types.h"
#include "kernel/cred.h"
#include "kernel/list.h"
#include "kernel/ptrace.h"
#include "kernel/uaccess.h"
#include "kernel/signal.h"

struct mm_struct;
struct files_struct;
struct task_struct;

/*
 * signal_struct - what the threads of one process share about the process as a whole
 * (Linux's struct signal_struct): who is in the group, the process-directed pending signals
 * (kill(2) posts here; any thread not blocking one takes it), and the group exit in
 * progress (exit_group, a fatal signal, or execve in one thread ending the others).
 * Allocated beside the task (the shared siginfo would not fit in it); freed with its last task.
 */
struct signal_struct {
	int count;			/* tasks pointing here, zombies included */
	int nr_threads;			/* threads that have not exited yet */
	struct list_head thread_head;	/* the group's tasks, through task->thread_node */
	unsigned long shared_pending;	/* process-directed pending signals, bit (sig - 1) */
	struct ksiginfo shared_info[_NSIG];	/* what each of them carries */
	bool group_exit;		/* the group is ending (SIGNAL_GROUP_EXIT): no exec, the
					 * status is group_exit_code */
	int group_exit_code;		/* the process's wait status once it has */
	struct task_struct *group_exit_task;	/* de_thread: the exec'ing thread, woken as the
						 * others exit (Linux's group_exec_task) */
	/* Usage of the group's threads that have exited (getrusage RUSAGE_SELF adds the live
	 * ones'; a reaped process's total goes to its parent's children counts). */
	unsigned long min_flt, maj_flt;
	u64 utime_ns, stime_ns;
};

#define HZ			100
#define TASK_COMM_LEN		16
#define KERNEL_STACK_SIZE	(16 * 1024)
#define TIMESLICE_TICKS		5		/* 50 ms */

enum task_state {
	TASK_RUNNING,		/* on the run queue (or running) */
	TASK_INTERRUPTIBLE,	/* sleeping until woken */
	TASK_ZOMBIE,		/* exited, waiting to be reaped by wait4 */
	TASK_DEAD,		/* reaped: its memory goes away at the next switch */
};

/* The saved kernel context of a task that is not running (kernel/entry.asm's switch_to). */
struct thread_struct {
	unsigned long rsp;	/* kernel stack pointer at the switch */
	unsigned long fsbase;	/* FS base (arch_prctl ARCH_SET_FS: the TLS pointer) */
	/* The user's x87/SSE registers (FXSAVE format). The kernel itself never uses them
	 * (-mgeneral-regs-only), so they are saved and restored only at a task switch. */
	u8 fxsave[512] __aligned(16);
};

/* fpu_init - enable x87 and SSE (CR0.MP, CR4.OSFXSR/OSXMMEXCPT) and make the clean state. */
void fpu_init(void);
/* fpu_reset - give @thread the state a new program starts with (FCW 0x37f, MXCSR 0x1f80). */
void fpu_reset(struct thread_struct *thread);
/* fpu_load_clean - load that clean state into the CPU's registers (a signal handler's start). */
void fpu_load_clean(void);
/* mxcsr_feature_mask - the MXCSR bits this CPU supports (fxrstor faults on any other). */
extern u32 mxcsr_feature_mask;

struct task_struct {
	struct thread_struct thread;	/* first: kernel/entry.asm finds thread.rsp at offset 0 */
	pid_t pid;
	enum task_state state;
	char comm[TASK_COMM_LEN];	/* program name, for messages */
	void *stack;			/* base of the kernel stack (KERNEL_STACK_SIZE) */
	struct mm_struct *mm;		/* NULL for kernel threads (the idle task) */
	struct files_struct *files;
	struct fs_struct *fs;		/* current directory (CLONE_FS shares it) */

	struct task_struct *parent;	/* the parent process's group leader */
	struct list_head children;	/* processes this one forked (leaders only: a thread's
					 * fork children are its leader's) */
	struct list_head sibling;	/* in parent->children (leaders only) */
	struct task_struct *group_leader;	/* the thread whose pid is the process id */
	struct list_head thread_node;	/* in signal->thread_head */
	struct signal_struct *signal;	/* shared by the thread group */
	struct list_head run_list;	/* on the run queue */
	struct list_head tasks;		/* in the list of all tasks */

	int exit_code;			/* wait4 status: (code << 8) or the killing signal */
	unsigned long pending;		/* pending signals, bit (sig - 1) */
	unsigned long blocked;		/* rt_sigprocmask */
	unsigned long real_blocked;	/* rt_sigtimedwait: the mask before it unblocked its set */
	unsigned long saved_sigmask;	/* rt_sigsuspend: the mask to put back after the handler */
	bool restore_sigmask;		/* saved_sigmask is valid */
	bool did_exec;			/* setpgid on a child: EACCES once it has exec'ed */
	struct sighand_struct *sighand;	/* rt_sigaction, per signal (kernel/signal.c) */
	struct ksiginfo siginfo[_NSIG];		/* what each pending signal carries */
	unsigned long sas_ss_sp;	/* sigaltstack: base and size (0: none) */
	size_t sas_ss_size;
	unsigned int sas_ss_flags;	/* SS_AUTODISARM */
	pid_t pgid, sid;		/* process group and session (kernel/pgrp.c) */
	u64 it_real_expires;		/* ITIMER_REAL: ktime of the next SIGALRM (0: off) */
	u64 it_real_incr;		/* its interval (0: one shot) */
	int timeslice;			/* ticks left before preemption */
	u64 wakeup_ns;			/* nanosleep: wake at this ktime */
	bool vfork_done;		/* a vfork child has exec'ed or exited */
	bool is_child_subreaper;	/* prctl PR_SET_CHILD_SUBREAPER: orphaned descendants
					 * come to this task rather than to init */
	struct task_struct *vfork_parent;
	int __user *clear_child_tid;	/* set_tid_address, CLONE_CHILD_CLEARTID: zeroed and
					 * futex-woken when the thread exits (pthread_join) */
	unsigned long robust_list;	/* set_robust_list: the user's list head (recorded only) */
	size_t robust_list_len;

	unsigned long min_flt, maj_flt;	/* page faults (getrusage: ru_minflt, ru_majflt) */
	unsigned long cmin_flt, cmaj_flt; /* faults of reaped children (RUSAGE_CHILDREN) */
	u64 cutime_ns, cstime_ns;
	u64 utime_ns, stime_ns;		/* time in user and kernel mode */
	u64 start_ns;
	struct cred cred;		/* uids, gids, groups (kernel/cred.h; fork copies) */
	struct rlimit64 rlim[RLIM_NLIMITS]; /* resource limits (fork copies) */
	unsigned int personality;	/* personality(2): PER_LINUX (0) unless set; fork copies */
	unsigned int flags;		/* PF_* (fork clears them) */
};

/* task_struct->flags */
#define PF_MEMALLOC	0x00000800	/* reclaiming memory: allocate below the watermarks, never
					 * reclaim again from inside reclaim (mm/vmscan.c) */
#define PF_KSWAPD	0x00020000	/* the kswapd thread */

/* The running task. */
extern struct task_struct *current;

/* sched_init - make the boot flow the idle task (pid 0) and start the timer. */
void sched_init(void);

/* schedule - give the CPU to the next runnable task (maybe the same one). */
void schedule(void);

/* wake_up_process - make a sleeping task runnable (taking it off the sleepers if it is in
 * schedule_timeout_ns). Does nothing to a running task or a zombie. */
void wake_up_process(struct task_struct *task);

/*
 * cond_resched - a reschedule point for long kernel loops (Linux's cond_resched): if the
 * running task's time slice is used up, give the CPU to the next runnable task; the caller
 * stays runnable and continues when its turn comes. The kernel is not otherwise preempted,
 * so a loop over megabytes of data (a big read or write, a copy) must call this every chunk.
 * Call it only where the kernel may sleep (no interrupts disabled, no state half-updated).
 */
void cond_resched(void);

/* sched_tick - called by the timer interrupt; may ask for a reschedule. */
void sched_tick(struct pt_regs *regs);

/* need_resched - set when the current task should give up the CPU at the next chance. */
extern bool need_resched;

/*
 * set_task_comm - name @task @name (at most TASK_COMM_LEN - 1 bytes of it), zeroing the rest
 * of comm so that nothing of an older name is left (Linux's __set_task_comm).
 */
void set_task_comm(struct task_struct *task, const char *name);

/*
 * alloc_task - a zeroed task with its kernel stack (KERNEL_STACK_SIZE in the vmalloc area,
 * an unmapped guard page below it), or NULL when memory runs out. free_task gives both back;
 * the task must not be running.
 */
struct task_struct *alloc_task(void);
void free_task(struct task_struct *p);

/* release_dead_task - @tsk, the running task, has exited for good (a thread nobody waits
 * for): free it once the CPU has switched away from its stack. */
void release_dead_task(struct task_struct *tsk);

/*
 * report_stack_overflow - called by the double-fault handler with the faulting address
 * (CR2): if it lies in the guard page below the current task's kernel stack, print Linux's
 * "BUG: kernel stack overflow" line naming the task and return true. The stack overflowed:
 * the CPU could not push the page-fault frame, so the #PF became a #DF, which runs on its
 * own IST stack and can still report.
 */
bool report_stack_overflow(unsigned long address);

/* thread_group_leader - is @p the thread whose pid is its process's id? */
static inline bool thread_group_leader(const struct task_struct *p)
{
	return p->group_leader == p;
}

/* task_tgid_nr - the process id of @p (getpid): its group leader's pid. */
static inline pid_t task_tgid_nr(const struct task_struct *p)
{
	return p->group_leader->pid;
}

/* task_ppid_nr - the parent process's id of @p (getppid): its leader's parent's, 0 if none
 * (a thread has no parent of its own). */
static inline pid_t task_ppid_nr(const struct task_struct *p)
{
	return p->group_leader->parent ? task_tgid_nr(p->group_leader->parent) : 0;
}

/* get_nr_threads - threads of @p's process that have not exited (/proc's Threads:). */
static inline int get_nr_threads(const struct task_struct *p)
{
	return p->signal->nr_threads;
}

/* find_task_by_pid - the task (thread) with @pid, or NULL. */
struct task_struct *find_task_by_pid(pid_t pid);

/* task_list - every task but the idle task (through task->tasks). */
extern struct list_head task_list;

/*
 * cpustat - the CPU's time by kind, in ns, counted a tick at a time by the timer interrupt
 * (Linux's kcpustat_cpu(0).cpustat): /proc/stat's cpu line and /proc/uptime's idle time.
 * nr_context_switches - switches from one task to another (/proc/stat's ctxt).
 */
enum cpu_usage_stat { CPUTIME_USER, CPUTIME_SYSTEM, CPUTIME_IDLE, NR_CPUTIME };
extern u64 cpustat[NR_CPUTIME];
extern unsigned long nr_context_switches;
/* total_forks - tasks created so far, init included (kernel/fork.c; /proc/stat, /proc/loadavg). */
extern unsigned long total_forks;

/*
 * schedule_hrtimeout - sleep once, until a wake_up() on a wait queue the caller has joined
 * (prepare_to_wait) or a wake_up_process (a futex waker), a signal, or ktime @expires_ns
 * (KTIME_MAX: no time limit); the caller then looks again at what it waits for (poll and
 * select in fs/select.c, futex_wait; a caller that tested its condition with interrupts off
 * may call it with them still off, so no wake-up from an interrupt is missed). Returns 0 once
 * @expires_ns has passed, 1 if it has not.
 */
#define KTIME_MAX	(~0ULL)
int schedule_hrtimeout(u64 expires_ns);

/*
 * calc_global_load - called every tick: every 5 s, fold the number of runnable tasks into
 * the 1, 5 and 15 minute load averages (kernel/loadavg.c, Linux's kernel/sched/loadavg.c).
 * avenrun - those averages, fixed point with FSHIFT fraction bits (/proc/loadavg).
 */
#define FSHIFT		11
#define FIXED_1		(1UL << FSHIFT)
extern unsigned long avenrun[3];
void calc_global_load(void);

/* jiffies - timer ticks since sched_init. */
extern volatile unsigned long jiffies;

/*
 * kernel_thread-style start: create the first user process, pid 1, running @path with @argv
 * and @envp (kernel strings). Returns 0 or -errno.
 */
int start_init(const char *path, char *const argv[], char *const envp[]);

/* do_exit - end the current thread with wait status @code (exit(2)); the process ends with
 * its last thread. Never returns. */
__noreturn void do_exit(int code);

/* do_group_exit - end every thread of the current process with wait status @code
 * (exit_group(2), a fatal signal): the others get SIGKILL. Never returns. */
__noreturn void do_group_exit(int code);

/* zap_other_threads - SIGKILL to every thread of @p's process but @p, each woken. */
void zap_other_threads(struct task_struct *p);

/* de_thread - execve in a threaded process: end every other thread and wait until they are
 * gone; a non-leader takes over the leader's pid. The signal actions are unshared. 0, or
 * -EINTR (SIGKILL while waiting), -EAGAIN (the group is already exiting), -ENOMEM. */
int de_thread(void);

/* wake_up_parent - wake the threads of @p's parent process (one may wait in wait4). */
void wake_up_parent(struct task_struct *p);

/* Signals (send_signal, force_sig_fault, exit_to_user_mode): kernel/signal.h. */

/* current_pt_regs - the user registers saved at the top of the current task's kernel stack. */
static inline struct pt_regs *task_pt_regs(struct task_struct *task)
{
	return (struct pt_regs *)((char *)task->stack + KERNEL_STACK_SIZE) - 1;
}
#define current_pt_regs() task_pt_regs(current)

/* What init's exit does: "poweroff" on the command line leaves QEMU with its status. */
extern bool poweroff_on_init_exit;

#endif
