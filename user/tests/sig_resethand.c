/*
 * sig_resethand - SA_RESETHAND: the handler runs once, and the action is SIG_DFL from then
 * on (sigaction reports it), so the next SIGUSR1 ends the process with its default action.
 * Linux behaves so.
 */
#include "test.h"

static volatile int calls;

static void on_usr1(int sig)
{
	(void)sig;
	calls++;
}

static void child(void *arg)
{
	(void)arg;
	raise(SIGUSR1);		/* handler already reset: default action (terminate) */
}

int main(void)
{
	struct sigaction sa = { 0 }, old;

	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESETHAND;
	ASSERT(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction: %s", strerror(errno));
	raise(SIGUSR1);
	EXPECT_EQ(calls, 1);
	ASSERT(sigaction(SIGUSR1, NULL, &old) == 0, "sigaction: %s", strerror(errno));
	EXPECT(old.sa_handler == SIG_DFL, "the action after one delivery is %p, expected SIG_DFL",
	       (void *)old.sa_handler);
	expect_signal(child, NULL, SIGUSR1);
	EXPECT_EQ(calls, 1);
	return test_done();
}
