/*
 * sig_badstack - a signal whose frame cannot be written ends the process with SIGSEGV, and
 * only the process: the kernel survives.
 *
 * Cases (each in a child with a SIGUSR1 handler installed): rsp pointing at unmapped memory,
 * rsp at a read-only page, rsp at a kernel address, and a non-canonical rsp, when the child
 * sends itself SIGUSR1 with a raw kill system call. Also a handler installed without
 * SA_RESTORER (x86-64 needs one: Linux sends SIGSEGV). Linux behaves so.
 */
#include "test.h"

static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* kill_self_with_rsp - load @rsp into rsp and make kill(getpid(), SIGUSR1) at once; the
 * process never comes back (the signal frame cannot be written). */
static void kill_self_with_rsp(void *arg)
{
	unsigned long rsp = (unsigned long)arg;
	long pid = getpid();

	signal(SIGUSR1, on_usr1);
	__asm__ __volatile__(
		"mov %0, %%rsp\n\t"
		"mov $62, %%eax\n\t"
		"mov %1, %%rdi\n\t"
		"mov $10, %%esi\n\t"
		"syscall\n\t"
		"1: jmp 1b"
		: : "r"(rsp), "r"(pid) : "rax", "rdi", "rsi", "rcx", "r11", "memory");
}

static long raw_sigaction(int sig, void (*handler)(int), unsigned long flags)
{
	struct { void (*h)(int); unsigned long flags; void *restorer; unsigned long mask; } ka =
		{ handler, flags, NULL, 0 };

	return syscall(SYS_rt_sigaction, sig, &ka, NULL, 8);
}

static void no_restorer(void *arg)
{
	(void)arg;
	if (raw_sigaction(SIGUSR1, on_usr1, 0) != 0)
		_exit(3);
	raise(SIGUSR1);
}

int main(void)
{
	char *ro = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *gone = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT(ro != MAP_FAILED && gone != MAP_FAILED, "mmap: %s", strerror(errno));
	munmap(gone, PAGE_SIZE);
	expect_signal_named(kill_self_with_rsp, gone + PAGE_SIZE, SIGSEGV, "rsp at unmapped memory");
	expect_signal_named(kill_self_with_rsp, ro + PAGE_SIZE, SIGSEGV, "rsp at a read-only page");
	expect_signal_named(kill_self_with_rsp, (void *)0xffffffff81000000UL, SIGSEGV,
			    "rsp at a kernel address");
	expect_signal_named(kill_self_with_rsp, (void *)0x8000000000001000UL, SIGSEGV,
			    "non-canonical rsp");
	expect_signal_named(kill_self_with_rsp, (void *)16, SIGSEGV, "rsp = 16");
	expect_signal_named(no_restorer, NULL, SIGSEGV, "handler without SA_RESTORER");
	EXPECT_EQ(handled, 0);
	munmap(ro, PAGE_SIZE);
	return test_done();
}
