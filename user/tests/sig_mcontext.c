/*
 * sig_mcontext - the handler sees the interrupted registers in uc_mcontext, and what it
 * changes there is what the interrupted code continues with (rt_sigreturn restores them all).
 *
 * The code loads known values into rbx, r12 and r15 and executes ud2 at a known address. The
 * SIGILL handler checks si_addr and REG_RIP (both the ud2), si_code ILL_ILLOPN and the loaded
 * registers, then steps REG_RIP over the 2-byte ud2 and puts new values in rbx and r12. After
 * the return the code sees them, and r15, rcx and r11 unchanged (rcx and r11 are what a
 * return by sysret would lose). Linux behaves so.
 */
#include "test.h"
#include <ucontext.h>

static volatile int calls;
static volatile long seen_code;
static void *volatile seen_addr;
static volatile greg_t seen_rip, seen_rbx, seen_r12, seen_r15;

static void on_ill(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	calls++;
	seen_code = si->si_code;
	seen_addr = si->si_addr;
	seen_rip = uc->uc_mcontext.gregs[REG_RIP];
	seen_rbx = uc->uc_mcontext.gregs[REG_RBX];
	seen_r12 = uc->uc_mcontext.gregs[REG_R12];
	seen_r15 = uc->uc_mcontext.gregs[REG_R15];
	uc->uc_mcontext.gregs[REG_RIP] += 2;
	uc->uc_mcontext.gregs[REG_RBX] = 0x5555aaaa;
	uc->uc_mcontext.gregs[REG_R12] = 0x1234567890L;
}

int main(void)
{
	struct sigaction sa = { 0 };
	unsigned long rbx, r12, r15, ud2_at, rcx, r11;

	sa.sa_sigaction = on_ill;
	sa.sa_flags = SA_SIGINFO;
	ASSERT(sigaction(SIGILL, &sa, NULL) == 0, "sigaction: %s", strerror(errno));
	__asm__ __volatile__(
		"mov $0x1111, %%rbx\n\t"
		"mov $0x2222, %%r12\n\t"
		"mov $0x3333, %%r15\n\t"
		"mov $0x4444, %%rcx\n\t"
		"mov $0x5555, %%r11\n\t"
		"lea 1f(%%rip), %3\n\t"
		"1: ud2\n\t"
		"mov %%rbx, %0\n\t"
		"mov %%r12, %1\n\t"
		"mov %%r15, %2\n\t"
		"mov %%rcx, %4\n\t"
		"mov %%r11, %5"
		: "=r"(rbx), "=r"(r12), "=r"(r15), "=&r"(ud2_at), "=r"(rcx), "=r"(r11)
		: : "rbx", "r12", "r15", "rcx", "r11", "memory", "cc");
	EXPECT_EQ(calls, 1);
	EXPECT_EQ(seen_code, ILL_ILLOPN);
	EXPECT((unsigned long)seen_addr == ud2_at, "si_addr %p, ud2 at %#lx", seen_addr, ud2_at);
	EXPECT_EQ((unsigned long)seen_rip, ud2_at);
	EXPECT_EQ(seen_rbx, 0x1111);
	EXPECT_EQ(seen_r12, 0x2222);
	EXPECT_EQ(seen_r15, 0x3333);
	EXPECT_EQ(rbx, 0x5555aaaa);
	EXPECT_EQ(r12, 0x1234567890L);
	EXPECT_EQ(r15, 0x3333);
	EXPECT_EQ(rcx, 0x4444);		/* rt_sigreturn must not return by sysret, which */
	EXPECT_EQ(r11, 0x5555);		/* loads rcx and r11 with rip and rflags */
	return test_done();
}
