/*
 * kernel/panic.c - panic(), die() and backtraces.
 *
 * The kernel is built with frame pointers, so a backtrace walks the chain of saved RBP values:
 * [rbp] is the caller's rbp and [rbp+8] the return address. Each address is symbolized from
 * the kernel's own symbol table (kernel/kallsyms.c). The walk stops at a zero or implausible
 * frame pointer (head_64.asm zeroes RBP before calling start_kernel).
 */
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/traps.h"
#include "kernel/extable.h"
#include "kernel/io.h"
#include "kernel/kallsyms.h"
#include "kernel/lib/vsprintf.h"
#include "mm/memlayout.h"

bool test_mode;
static bool in_panic;

void machine_power_off(int status)
{
	local_irq_disable();
	outl(0xf4, (u32)status);	/* isa-debug-exit: QEMU exits with (status << 1) | 1 */
	for (;;)
		halt();
}

/* A frame pointer is plausible if it is 8-aligned kernel memory we can read. */
static bool frame_readable(unsigned long fp, unsigned long frame[2])
{
	if (!fp || (fp & 7) || fp < PAGE_OFFSET)
		return false;
	return copy_from_kernel_nofault(frame, (void *)fp, 2 * sizeof(unsigned long)) == 0;
}

/*
 * Print one backtrace line. A return address may point just past a call to a noreturn
 * function, i.e. past the end of the caller, so it is looked up at @addr - 1 (Linux's %pB).
 */
static void print_trace_address(unsigned long addr, bool is_return_address)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(addr - is_return_address, &off, &size);

	if (name)
		printk(KERN_EMERG " [<%016lx>] %s+%#lx/%#lx\n", addr, name, off + is_return_address, size);
	else
		printk(KERN_EMERG " [<%016lx>] ?\n", addr);
}

static void show_trace(unsigned long rip, unsigned long rbp)
{
	unsigned long frame[2];

	printk(KERN_EMERG "Call Trace:\n");
	if (rip)
		print_trace_address(rip, false);
	for (int depth = 0; depth < 32 && frame_readable(rbp, frame); depth++) {
		if (frame[1] < __START_KERNEL_map)
			break;
		print_trace_address(frame[1], true);
		rbp = frame[0];
	}
}

void dump_stack(void)
{
	show_trace(0, (unsigned long)__builtin_frame_address(0));
}

static unsigned int nr_expected_reports;	/* see expect_reports() in panic.h */

void expect_reports(unsigned int n)
{
	nr_expected_reports = n;
}

bool expected_report(void)
{
	if (!nr_expected_reports)
		return false;
	nr_expected_reports--;
	return true;
}

unsigned int expected_reports_left(void)
{
	return nr_expected_reports;
}

void __warn(const char *file, int line, const char *cond)
{
	if (expected_report())
		pr_warn(EXPECTED_REPORT_PREFIX "warning: %s at %s:%d\n", cond, file, line);
	else
		pr_warn("WARNING: %s at %s:%d\n", cond, file, line);
	dump_stack();
}

static __noreturn void panic_stop(void)
{
	printk(KERN_EMERG "---[ end Kernel panic ]---\n");
	machine_power_off(QEMU_EXIT_PANIC);
}

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	unsigned long rbp = (unsigned long)__builtin_frame_address(0);
	unsigned long rsp;

	local_irq_disable();
	if (in_panic)		/* a panic while panicking: just stop */
		machine_power_off(QEMU_EXIT_PANIC);
	in_panic = true;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	__asm__ __volatile__("mov %%rsp, %0" : "=r"(rsp));
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	printk(KERN_EMERG "RSP: %016lx RBP: %016lx CR2: %016lx CR3: %016lx\n",
	       rsp, rbp, read_cr2(), read_cr3());
	show_trace(0, rbp);
	panic_stop();
}

void die(const char *what, struct pt_regs *regs, unsigned long error_code)
{
	local_irq_disable();
	if (in_panic)
		machine_power_off(QEMU_EXIT_PANIC);
	in_panic = true;
	printk(KERN_EMERG "Oops: %s, error code %#lx (vector %lu)\n", what, error_code, regs->vector);
	show_regs(regs);
	show_trace(regs->rip, regs->rbp);
	printk(KERN_EMERG "Kernel panic - not syncing: Fatal exception (%s)\n", what);
	panic_stop();
}
