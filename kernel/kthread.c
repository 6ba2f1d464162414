/*
 * kernel/kthread.c - starting kernel threads (see kernel/kthread.h).
 *
 * The new task's kernel stack holds only a switch_to frame: its callee-saved registers carry
 * the function (r12) and its argument (r13), and its return address is kthread_entry
 * (kernel/entry.asm), which finishes the switch and calls the function with interrupts on.
 */
#include "kernel/kthread.h"
#include "kernel/lib/string.h"

void kthread_entry(void);
struct task_struct *alloc_task(void);

struct task_struct *kthread_run(void (*fn)(void *arg), void *arg, const char *name)
{
	struct task_struct *p = alloc_task();
	unsigned long *frame;

	if (!p)
		return NULL;
	/* switch_to pops r15 r14 r13 r12 rbx rbp, then returns: to kthread_entry with the stack
	 * 16-byte aligned (frame + 7 words is the top less 16 bytes). */
	frame = (unsigned long *)((char *)p->stack + KERNEL_STACK_SIZE) - 9;
	memset(frame, 0, 9 * sizeof(unsigned long));
	frame[2] = (unsigned long)arg;		/* r13 */
	frame[3] = (unsigned long)fn;		/* r12 */
	frame[6] = (unsigned long)kthread_entry;
	p->thread.rsp = (unsigned long)frame;
	fpu_reset(&p->thread);
	p->pid = alloc_pid();
	set_task_comm(p, name);
	p->state = TASK_INTERRUPTIBLE;
	wake_up_process(p);
	return p;
}
