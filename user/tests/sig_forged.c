/*
 * sig_forged - a handler that rewrites its ucontext cannot hurt the kernel through
 * rt_sigreturn; each forged frame has Linux's outcome for the process alone.
 *
 *   rflags all ones (but TF, DF, AC)  the process continues; IOPL stays 0, IF stays set
 *   non-canonical rip                 SIGSEGV
 *   kernel code selector in cs        SIGSEGV
 *   null ss (UC_STRICT_RESTORE_SS)    SIGSEGV
 *   MXCSR with reserved bits set      SIGSEGV (Linux 6.1 refuses the frame)
 *   fpstate pointing nowhere          SIGSEGV
 *
 * Each case runs in a child whose SIGUSR1 handler forges the frame; the parent checks how the
 * child ended.
 */
#include "test.h"
#include <ucontext.h>

enum { FLAGS, RIP, CS, SS, MXCSR, FPSTATE };

static int which;

static void forge(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned short *csgsfs = (unsigned short *)&uc->uc_mcontext.gregs[REG_CSGSFS];

	(void)sig;
	(void)si;
	switch (which) {
	case FLAGS:
		uc->uc_mcontext.gregs[REG_EFL] = (greg_t)~(0x100UL | 0x400UL | 0x40000UL);
		break;
	case RIP:
		uc->uc_mcontext.gregs[REG_RIP] = (greg_t)0x8000000000000000UL;
		break;
	case CS:
		csgsfs[0] = 0x08;
		break;
	case SS:
		csgsfs[3] = 0;
		break;
	case MXCSR:
		uc->uc_mcontext.fpregs->mxcsr = 0xffffffff;
		break;
	case FPSTATE:
		uc->uc_mcontext.fpregs = (void *)0x10;
		break;
	}
}

static void run_case(void *arg)
{
	struct sigaction sa = { 0 };
	unsigned long flags;

	which = (int)(long)arg;
	sa.sa_sigaction = forge;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	__asm__ __volatile__("pushf; pop %0" : "=r"(flags));
	if (flags & 0x3000)
		_exit(20);		/* IOPL raised */
	if (!(flags & 0x200))
		_exit(21);		/* interrupts off */
	_exit(0);
}

int main(void)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		run_case((void *)(long)FLAGS);
	EXPECT(wait_exit_status(pid) == 0, "forged rflags: the child did not continue normally "
	       "(20: IOPL raised, 21: IF cleared)");
	expect_signal_named(run_case, (void *)(long)RIP, SIGSEGV, "non-canonical rip");
	expect_signal_named(run_case, (void *)(long)CS, SIGSEGV, "kernel cs");
	expect_signal_named(run_case, (void *)(long)SS, SIGSEGV, "null ss");
	expect_signal_named(run_case, (void *)(long)MXCSR, SIGSEGV, "MXCSR reserved bits");
	expect_signal_named(run_case, (void *)(long)FPSTATE, SIGSEGV, "fpstate at 0x10");
	return test_done();
}
