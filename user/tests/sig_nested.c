/*
 * sig_nested - a handler's own signal is blocked while it runs (so a second one waits until
 * it returns) unless SA_NODEFER; sa_mask is blocked too; the mask comes back afterwards.
 *
 * The SIGUSR1 handler raises SIGUSR1 once more from inside itself and records the nesting
 * depth. Default: the second delivery comes after the first handler returned (depth 1, two
 * calls), and inside the handler SIGUSR1 and the sa_mask signal SIGUSR2 are blocked. With
 * SA_NODEFER the second handler runs on top of the first (depth 2). A SIGUSR2 raised inside
 * the SIGUSR1 handler (it is in sa_mask) is held until the handler returns. Linux behaves so.
 */
#include "test.h"

static volatile int depth, max_depth, calls, usr2_calls, usr2_during;
static volatile int blocked_usr1, blocked_usr2;

static void on_usr2(int sig)
{
	(void)sig;
	usr2_calls++;
	if (depth)
		usr2_during = 1;
}

static void on_usr1(int sig)
{
	sigset_t cur;

	(void)sig;
	depth++;
	calls++;
	if (depth > max_depth)
		max_depth = depth;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	blocked_usr1 = sigismember(&cur, SIGUSR1);
	blocked_usr2 = sigismember(&cur, SIGUSR2);
	if (calls == 1) {
		raise(SIGUSR1);
		raise(SIGUSR2);
	}
	depth--;
}

static void run(int flags)
{
	struct sigaction sa = { 0 };
	sigset_t after;

	depth = max_depth = calls = usr2_calls = usr2_during = 0;
	sa.sa_handler = on_usr1;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	ASSERT(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction: %s", strerror(errno));
	raise(SIGUSR1);
	sigprocmask(SIG_BLOCK, NULL, &after);
	EXPECT(!sigismember(&after, SIGUSR1) && !sigismember(&after, SIGUSR2),
	       "flags %#x: the mask was not restored after the handler", flags);
	EXPECT_EQ(calls, 2);
	EXPECT_EQ(usr2_calls, 1);
	EXPECT(!usr2_during, "flags %#x: SIGUSR2 (in sa_mask) ran inside the SIGUSR1 handler", flags);
}

int main(void)
{
	signal(SIGUSR2, on_usr2);
	run(0);
	EXPECT_EQ(max_depth, 1);
	EXPECT(blocked_usr1 && blocked_usr2, "default: SIGUSR1 %d and SIGUSR2 %d blocked in the handler",
	       blocked_usr1, blocked_usr2);
	run(SA_NODEFER);
	EXPECT_EQ(max_depth, 2);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
	return test_done();
}
