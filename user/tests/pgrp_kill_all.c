/*
 * pgrp_kill_all - kill(-1, sig) signals every process but init and the caller.
 *
 * Two children pause; kill(-1, SIGTERM) must end both (they keep SIG_DFL) and neither the
 * caller (it has SIG_DFL for SIGTERM too, and survives only because it is excluded) nor init.
 * Faultline only: on Linux, kill(-1) from a test would reach every process of the host, so
 * the check is skipped there (explicitly, with on_faultline()).
 */
#include "test.h"

static pid_t pauser(void)
{
	pid_t pid = fork();

	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

int main(void)
{
	pid_t a, b;

	if (!on_faultline()) {
		fprintf(stderr, "SKIP: kill(-1) would signal every process of this Linux host\n");
		return test_done();
	}
	fflush(NULL);
	a = pauser();
	b = pauser();
	EXPECT_EQ(kill(-1, SIGTERM), 0);
	EXPECT_EQ(wait_exit_status(a), 128 + SIGTERM);
	EXPECT_EQ(wait_exit_status(b), 128 + SIGTERM);
	EXPECT_EQ(kill(1, 0), 0);
	return test_done();
}
