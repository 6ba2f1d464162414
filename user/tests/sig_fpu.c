/*
 * sig_fpu - the SSE and x87 state of the interrupted code survives a handler that clobbers it.
 *
 * xmm6 and xmm7 hold known bit patterns, MXCSR rounds toward zero; a kill() system call made
 * right there (in the same asm block, so the compiler cannot touch the registers) delivers
 * SIGUSR1, whose handler loads other values into xmm6/xmm7 and MXCSR. After rt_sigreturn the
 * original values are back. The handler also sees the saved state through uc_mcontext.fpregs
 * (the fxsave image in the frame): the saved xmm7 and MXCSR are the interrupted ones. The
 * handler itself starts with the default MXCSR (0x1f80), as on Linux.
 */
#include "test.h"
#include <ucontext.h>

static volatile int calls;
static volatile unsigned int handler_mxcsr, saved_mxcsr;
static volatile unsigned long saved_xmm7_lo;

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned long junk = 0xdeaddeaddeaddeadUL;
	unsigned int m, rz = 0x1f80 | (1 << 13);	/* round down */

	(void)sig;
	(void)si;
	calls++;
	__asm__ __volatile__("stmxcsr %0" : "=m"(m));
	handler_mxcsr = m;
	if (uc->uc_mcontext.fpregs) {
		saved_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
		memcpy((void *)&saved_xmm7_lo, &uc->uc_mcontext.fpregs->_xmm[7], 8);
	}
	__asm__ __volatile__("movq %0, %%xmm6\n\tmovq %0, %%xmm7\n\tldmxcsr %1"
			     : : "r"(junk), "m"(rz) : "xmm6", "xmm7");
}

int main(void)
{
	struct sigaction sa = { 0 };
	unsigned long a = 0x0123456789abcdefUL, b = 0xfedcba9876543210UL, a2, b2;
	unsigned int mx = 0x1f80 | (3 << 13), mx2;	/* round toward zero */
	long pid = getpid();

	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	ASSERT(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction: %s", strerror(errno));
	__asm__ __volatile__(
		"ldmxcsr %[mx]\n\t"
		"movq %[a], %%xmm6\n\t"
		"movq %[b], %%xmm7\n\t"
		"mov $62, %%eax\n\t"		/* kill(pid, SIGUSR1) */
		"mov %[pid], %%rdi\n\t"
		"mov $10, %%esi\n\t"
		"syscall\n\t"
		"movq %%xmm6, %[a2]\n\t"
		"movq %%xmm7, %[b2]\n\t"
		"stmxcsr %[mx2]\n\t"
		: [a2] "=r"(a2), [b2] "=r"(b2), [mx2] "=m"(mx2)
		: [a] "r"(a), [b] "r"(b), [mx] "m"(mx), [pid] "r"(pid)
		: "rax", "rdi", "rsi", "rcx", "r11", "xmm6", "xmm7", "memory");
	EXPECT_EQ(calls, 1);
	EXPECT(a2 == a, "xmm6 %#lx after the handler, expected %#lx", a2, a);
	EXPECT(b2 == b, "xmm7 %#lx after the handler, expected %#lx", b2, b);
	EXPECT(mx2 == mx, "MXCSR %#x after the handler, expected %#x", mx2, mx);
	EXPECT(handler_mxcsr == 0x1f80, "MXCSR in the handler %#x, expected 0x1f80", handler_mxcsr);
	EXPECT(saved_mxcsr == mx, "saved MXCSR %#x, expected %#x", saved_mxcsr, mx);
	EXPECT(saved_xmm7_lo == b, "saved xmm7 %#lx, expected %#lx", saved_xmm7_lo, b);
	mx = 0x1f80;
	__asm__ __volatile__("ldmxcsr %0" : : "m"(mx));
	return test_done();
}
