/*
 * kernel/tests/crash_test.c - deliberate kernel faults, to test the failure paths themselves.
 *
 * Booted with "crash=KIND" on the command line, start_kernel calls run_crash_test(KIND) and
 * the kernel must die with a complete dump (message, registers, symbolized backtrace) and
 * leave QEMU with the panic status. tools/boot-checks boots each kind and checks the console.
 */
#include "kernel/tests/crash_test.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"
#include "mm/vmalloc.h"
#include "kernel/sched.h"
#include "mm/memlayout.h"

static volatile unsigned long recurse_limit = ~0UL;	/* volatile: "finite" to the compiler */

/* Recurse until the stack runs into the guard page below it. */
static __attribute__((noinline)) unsigned long recurse(unsigned long depth)
{
	volatile char pad[512];

	pad[0] = (char)depth;
	if (depth >= recurse_limit)
		return 0;
	return recurse(depth + 1) + pad[0];
}

/*
 * Overflow a real task's kernel stack: a task made by alloc_task() - the function fork uses,
 * so its stack is vmalloc'ed with the guard page below - becomes the current task, and
 * recurse() runs on its stack until it runs into the guard page. The #PF cannot push its
 * frame there, so the CPU raises #DF, which runs on its own IST stack and must say "BUG:
 * kernel stack overflow" naming the task.
 */
static void overflow_task_stack(void)
{
	struct task_struct *p = alloc_task();

	if (!p)
		panic("crash=stack: no memory for the test task");
	p->pid = 4242;
	set_task_comm(p, "stackeater");
	p->state = TASK_RUNNING;
	current = p;
	__asm__ __volatile__("mov %0, %%rsp; call *%1"
			     :: "r"((char *)p->stack + KERNEL_STACK_SIZE), "r"(recurse), "D"(0UL)
			     : "memory");
}

void run_crash_test(const char *kind)
{
	pr_info("crash test: %s\n", kind);
	if (!strcmp(kind, "null")) {
		(void)*(volatile int *)0;
	} else if (!strcmp(kind, "guard")) {
		u8 *p = vmalloc(PAGE_SIZE);

		if (p)
			(void)((volatile u8 *)p)[PAGE_SIZE];	/* one past the end */
	} else if (!strcmp(kind, "ud2")) {
		__asm__ __volatile__("ud2");
	} else if (!strcmp(kind, "stack")) {
		overflow_task_stack();
	} else if (!strcmp(kind, "panic")) {
		panic("crash test requested");
	}
	pr_err("crash test '%s': unknown kind or no fault happened\n", kind);
}
