/*
 * kernel/sched.c - tasks, the run queue and round-robin scheduling on one CPU.
 *
 * The run queue holds every runnable task except the idle task (pid 0, the boot flow), which
 * runs only when the queue is empty. The PIT interrupts HZ times a second; when the running
 * task's time slice is used up, need_resched is set and the task gives up the CPU on its way
 * back to user mode (Faultline never preempts kernel code).
 */
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "kernel/desc.h"
#include "kernel/irq.h"
#include "kernel/io.h"
#include "kernel/time.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"
#include "kernel/errno.h"
#include "mm/mmap.h"

_Static_assert(offsetof(struct task_struct, thread.rsp) == 0, "entry.asm expects thread.rsp at 0");
_Static_assert(sizeof(struct task_struct) <= 4096, "a task must stay one slab object: keep per-signal state small");

extern char init_stack[];
void __switch_to_asm(struct task_struct *prev, struct task_struct *next);

static struct sighand_struct init_sighand = { .count = 1 };
static struct signal_struct init_signal = { .count = 1, .nr_threads = 1 };

static struct task_struct init_task = {
	.sighand = &init_sighand,
	.signal = &init_signal,
	.group_leader = &init_task,
	.pid = 0,
	.state = TASK_RUNNING,
	.comm = "swapper",
	.stack = init_stack,
};

struct task_struct *current = &init_task;
unsigned long cpu_kernel_stack_top;		/* the syscall entry's kernel stack (= TSS.RSP0) */
bool need_resched;
volatile unsigned long jiffies;
static LIST_HEAD(run_queue);
LIST_HEAD(task_list);				/* every task but the idle task */
static LIST_HEAD(sleepers);			/* tasks in nanosleep, woken by the tick */
u64 cpustat[NR_CPUTIME];
unsigned long nr_context_switches;

#define PIT_CH0		0x40
#define PIT_MODE	0x43
#define PIT_TICK_RATE	1193182UL

static void enqueue_task(struct task_struct *task)
{
	if (task != &init_task && list_empty(&task->run_list))
		list_add_tail(&task->run_list, &run_queue);
}

/*
 * wake_up_process - make @task runnable if it sleeps. A task in schedule_timeout_ns() is on
 * the sleepers list through its run_list; it is taken off it here, so a signal ends the sleep
 * now rather than at the wake-up time.
 */
void wake_up_process(struct task_struct *task)
{
	unsigned long flags = local_irq_save();

	if (task->state == TASK_INTERRUPTIBLE) {
		list_del_init(&task->run_list);	/* off the sleepers (a sleeper is not queued) */
		task->state = TASK_RUNNING;
		enqueue_task(task);
	}
	local_irq_restore(flags);
}

void cond_resched(void)
{
	if (need_resched && current != &init_task)
		schedule();
}

void set_task_comm(struct task_struct *task, const char *name)
{
	memset(task->comm, 0, sizeof(task->comm));
	strscpy(task->comm, name, sizeof(task->comm));
}

struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *task;

	if (pid == 0)
		return &init_task;
	list_for_each_entry(task, &task_list, tasks)
		if (task->pid == pid)
			return task;
	return NULL;
}

/* A thread that exited and freed itself (exit_notify): its stack is in use until the switch
 * away from it, so the next task frees it (Linux's finish_task_switch -> put_task_stack). */
static struct task_struct *dead_task;

void release_dead_task(struct task_struct *tsk)
{
	dead_task = tsk;
}

/* finish_task_switch - the first thing after a switch, on the new task's stack. */
static void finish_task_switch(void)
{
	struct task_struct *dead = dead_task;

	if (dead) {
		dead_task = NULL;
		free_task(dead);
	}
}

/* Make @next the running task: its address space, its kernel stack for traps and syscalls,
 * its TLS base, then the register switch. */
static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	if (next->mm && next->mm != prev->mm)
		switch_mm(next->mm);
	cpu_kernel_stack_top = (unsigned long)next->stack + KERNEL_STACK_SIZE;
	set_kernel_stack(cpu_kernel_stack_top);
	wrmsr(MSR_FS_BASE, next->thread.fsbase);
	__asm__ __volatile__("fxsave64 %0" : "=m"(prev->thread.fxsave));
	__asm__ __volatile__("fxrstor64 %0" :: "m"(next->thread.fxsave));
	current = next;
	nr_context_switches++;
	__switch_to_asm(prev, next);
}

void schedule(void)
{
	unsigned long flags = local_irq_save();
	struct task_struct *prev = current, *next;

	need_resched = false;
	if (prev->state == TASK_RUNNING)
		enqueue_task(prev);		/* to the tail: round robin */
	if (list_empty(&run_queue)) {
		next = &init_task;
	} else {
		next = list_first_entry(&run_queue, struct task_struct, run_list);
		list_del_init(&next->run_list);
	}
	next->timeslice = TIMESLICE_TICKS;
	if (next != prev)
		context_switch(prev, next);
	local_irq_restore(flags);
	finish_task_switch();
}

#define X86_CR0_MP		(1UL << 1)
#define X86_CR0_EM		(1UL << 2)
#define X86_CR0_TS		(1UL << 3)
#define X86_CR0_NE		(1UL << 5)
#define X86_CR4_OSFXSR		(1UL << 9)
#define X86_CR4_OSXMMEXCPT	(1UL << 10)

static struct thread_struct fpu_clean_state __aligned(16);
u32 mxcsr_feature_mask;

void fpu_init(void)
{
	unsigned long cr0 = read_cr0();

	cr0 &= ~(X86_CR0_EM | X86_CR0_TS);
	cr0 |= X86_CR0_MP | X86_CR0_NE;
	__asm__ __volatile__("mov %0, %%cr0" :: "r"(cr0));
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	/* The state after FNINIT with MXCSR at its reset value: what execve gives a program. */
	u32 mxcsr = 0x1f80;
	__asm__ __volatile__("fninit; ldmxcsr %1; fxsave64 %0" : "=m"(fpu_clean_state.fxsave) : "m"(mxcsr));
	memcpy(init_task.thread.fxsave, fpu_clean_state.fxsave, sizeof(fpu_clean_state.fxsave));
	/* MXCSR_MASK (bytes 28..31 of the image); 0 means the architectural default 0xffbf. */
	memcpy(&mxcsr_feature_mask, fpu_clean_state.fxsave + 28, sizeof(mxcsr_feature_mask));
	if (!mxcsr_feature_mask)
		mxcsr_feature_mask = 0xffbf;
}

void fpu_load_clean(void)
{
	__asm__ __volatile__("fxrstor64 %0" :: "m"(fpu_clean_state.fxsave));
}

void fpu_reset(struct thread_struct *thread)
{
	memcpy(thread->fxsave, fpu_clean_state.fxsave, sizeof(thread->fxsave));
}

/* schedule_tail - the first thing a new task runs (from ret_from_fork). */
void schedule_tail(void)
{
	finish_task_switch();
}

/* The timer interrupt: count time, wake sleepers whose time came, and expire time slices. */
static void timer_interrupt(struct pt_regs *regs)
{
	struct task_struct *task, *tmp;
	u64 now = ktime_get_ns();

	jiffies++;
	it_real_tick(now);
	list_for_each_entry_safe(task, tmp, &sleepers, run_list) {
		if (task->wakeup_ns <= now) {
			list_del_init(&task->run_list);
			task->state = TASK_RUNNING;
			enqueue_task(task);
		}
	}
	if (current != &init_task) {
		if (user_mode(regs))
			current->utime_ns += NSEC_PER_SEC / HZ;
		else
			current->stime_ns += NSEC_PER_SEC / HZ;
		cpustat[user_mode(regs) ? CPUTIME_USER : CPUTIME_SYSTEM] += NSEC_PER_SEC / HZ;
		if (--current->timeslice <= 0)
			need_resched = true;
	} else {
		cpustat[CPUTIME_IDLE] += NSEC_PER_SEC / HZ;
		if (!list_empty(&run_queue))
			need_resched = true;
	}
	calc_global_load();
}

/*
 * schedule_timeout_ns - sleep until ktime @wakeup_ns (or a signal). Returns 0 when the time
 * came, -EINTR if a signal woke the task first (nanosleep's answer: it is not restarted).
 */
int schedule_timeout_ns(u64 wakeup_ns)
{
	/* schedule_hrtimeout sleeps once; a wake-up that is not a signal sleeps again. */
	while (ktime_get_ns() < wakeup_ns) {
		if (signal_pending(current))
			return -EINTR;
		schedule_hrtimeout(wakeup_ns);
	}
	return 0;
}

int schedule_hrtimeout(u64 expires_ns)
{
	unsigned long flags = local_irq_save();

	if (signal_pending(current) || ktime_get_ns() >= expires_ns) {
		current->state = TASK_RUNNING;
		local_irq_restore(flags);
		return ktime_get_ns() < expires_ns;
	}
	current->state = TASK_INTERRUPTIBLE;
	if (expires_ns != KTIME_MAX) {
		current->wakeup_ns = expires_ns;
		list_del_init(&current->run_list);
		list_add_tail(&current->run_list, &sleepers);
	}
	local_irq_restore(flags);
	schedule();
	flags = local_irq_save();
	list_del_init(&current->run_list);	/* woken before the time: leave the sleepers */
	current->state = TASK_RUNNING;
	local_irq_restore(flags);
	return ktime_get_ns() < expires_ns;
}

/* sys_membarrier - not supported: -ENOSYS, Linux's answer when it is configured out. */
long sys_membarrier(int cmd, unsigned int flags, int cpu_id)
{
	(void)cmd;
	(void)flags;
	(void)cpu_id;
	return -ENOSYS;
}

void sched_tick(struct pt_regs *regs)
{
	timer_interrupt(regs);
}

void sched_init(void)
{
	unsigned long latch = PIT_TICK_RATE / HZ;

	fpu_init();
	rlim_init(init_task.rlim);	/* init (pid 1) copies these at fork */
	INIT_LIST_HEAD(&init_task.run_list);
	INIT_LIST_HEAD(&init_task.children);
	INIT_LIST_HEAD(&init_task.sibling);
	rlim_init(init_task.rlim);		/* Linux's INIT_RLIMITS: fork copies them to all */
	INIT_LIST_HEAD(&init_signal.thread_head);
	list_add(&init_task.thread_node, &init_signal.thread_head);
	cpu_kernel_stack_top = (unsigned long)init_stack + KERNEL_STACK_SIZE;
	set_kernel_stack(cpu_kernel_stack_top);

	outb(PIT_MODE, 0x34);			/* channel 0, lobyte/hibyte, mode 2 (rate generator) */
	outb(PIT_CH0, latch & 0xff);
	outb(PIT_CH0, latch >> 8);
	if (request_irq(0, sched_tick))
		panic("sched_init: cannot get the timer IRQ");
}

/* cpu_idle - what the boot flow does once init runs: sleep until there is work. Never returns. */
__noreturn void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (list_empty(&run_queue) && !need_resched) {
			__asm__ __volatile__("sti; hlt" ::: "memory");	/* wakes at the next interrupt */
			continue;
		}
		local_irq_enable();
		schedule();
	}
}

/* --- wait queues --- */

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait)
{
	unsigned long flags = local_irq_save();

	wait->task = current;
	if (list_empty(&wait->entry) || wait->entry.next == NULL)
		list_add_tail(&wait->entry, &wq->head);
	current->state = TASK_INTERRUPTIBLE;
	local_irq_restore(flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait)
{
	unsigned long flags = local_irq_save();

	(void)wq;
	current->state = TASK_RUNNING;
	if (wait->entry.next)
		list_del_init(&wait->entry);
	local_irq_restore(flags);
}

void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *wait;
	unsigned long flags = local_irq_save();

	list_for_each_entry(wait, &wq->head, entry)
		wake_up_process(wait->task);
	local_irq_restore(flags);
}
