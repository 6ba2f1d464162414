/*
 * sig_altstack - a stack overflow is caught on the alternate signal stack.
 *
 * A child sets up sigaltstack and a SA_ONSTACK SIGSEGV handler, then recurses with 4 KiB
 * frames until the stack runs out (RLIMIT_STACK lowered to 1 MiB so that happens soon). The
 * handler must run on the alternate stack (a local's address inside it, sigaltstack reporting
 * SS_ONSTACK, uc_stack describing it), changing the alternate stack from there must fail
 * with EPERM, and it leaves with siglongjmp. The parent checks the child's exit status.
 * Also: ENOMEM for a stack below MINSIGSTKSZ, EINVAL for bad flags, SS_DISABLE reported
 * when none is set. Linux behaves so.
 */
#include "test.h"
#include <setjmp.h>
#include <ucontext.h>

#define ALT_SIZE	(64 * 1024)

static char *alt;
static sigjmp_buf out;
static volatile int on_alt, reported_onstack, eperm, uc_ok;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	char here;
	stack_t cur, other = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };

	(void)sig;
	(void)si;
	on_alt = &here >= alt && &here < alt + ALT_SIZE;
	if (sigaltstack(NULL, &cur) == 0)
		reported_onstack = (cur.ss_flags & SS_ONSTACK) != 0;
	eperm = sigaltstack(&other, NULL) == -1 && errno == EPERM;
	uc_ok = uc->uc_stack.ss_sp == alt && uc->uc_stack.ss_size == ALT_SIZE;
	siglongjmp(out, 1);
}

static volatile int limit = 1 << 30;	/* never reached: the stack runs out first */

static int recurse(int n)
{
	volatile char frame[4096];

	frame[0] = (char)n;
	frame[4095] = (char)n;
	if (n >= limit)
		return 0;
	return recurse(n + 1) + frame[0] + frame[4095];
}

static int child(void)
{
	struct sigaction sa = { 0 };
	struct rlimit rl = { 1 << 20, 1 << 20 };
	stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };

	setrlimit(RLIMIT_STACK, &rl);
	if (sigaltstack(&ss, NULL) != 0)
		return 10;
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	if (sigaction(SIGSEGV, &sa, NULL) != 0)
		return 11;
	if (sigsetjmp(out, 1) == 0) {
		recurse(0);
		return 12;
	}
	if (!on_alt)
		return 13;
	if (!reported_onstack)
		return 14;
	if (!eperm)
		return 15;
	if (!uc_ok)
		return 16;
	return 0;
}

int main(void)
{
	stack_t ss, old;
	pid_t pid;
	int st;

	alt = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(alt != MAP_FAILED, "mmap: %s", strerror(errno));

	ASSERT(sigaltstack(NULL, &old) == 0, "sigaltstack: %s", strerror(errno));
	EXPECT(old.ss_flags == SS_DISABLE, "ss_flags %#x with no alternate stack, expected SS_DISABLE",
	       old.ss_flags);
	ss = (stack_t){ .ss_sp = alt, .ss_size = 1024, .ss_flags = 0 };
	EXPECT_ERRNO(sigaltstack(&ss, NULL), ENOMEM);
	ss = (stack_t){ .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0x40 };
	EXPECT_ERRNO(sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = 0;
	EXPECT(sigaltstack(&ss, NULL) == 0, "sigaltstack: %s", strerror(errno));
	EXPECT(sigaltstack(NULL, &old) == 0 && old.ss_sp == alt && old.ss_size == ALT_SIZE &&
	       old.ss_flags == 0, "sigaltstack reports sp %p size %zu flags %#x", old.ss_sp,
	       old.ss_size, old.ss_flags);
	ss.ss_flags = SS_DISABLE;
	EXPECT(sigaltstack(&ss, NULL) == 0, "sigaltstack(SS_DISABLE): %s", strerror(errno));

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(child());
	st = wait_exit_status(pid);
	EXPECT(st == 0, "child: %d (10-12 setup/no overflow, 13 not on the alt stack, 14 no "
	       "SS_ONSTACK, 15 no EPERM, 16 bad uc_stack; >128 killed by a signal)", st);
	munmap(alt, ALT_SIZE);
	return test_done();
}
