/*
 * sig_raise - musl's raise() (tkill) runs the handler before raise returns, with si_code
 * SI_TKILL and si_pid/si_uid of the caller; kill(getpid()) gives SI_USER. tgkill with a tid
 * not in the group fails with ESRCH. Linux behaves so.
 */
#include "test.h"

static volatile int calls, code, spid, suid;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	calls++;
	code = si->si_code;
	spid = si->si_pid;
	suid = (int)si->si_uid;
}

int main(void)
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	ASSERT(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction: %s", strerror(errno));
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(calls, 1);
	EXPECT_EQ(code, SI_TKILL);
	EXPECT_EQ(spid, getpid());
	EXPECT_EQ(suid, (int)getuid());
	EXPECT_EQ(kill(getpid(), SIGUSR1), 0);
	EXPECT_EQ(calls, 2);
	EXPECT_EQ(code, SI_USER);
	EXPECT_EQ(spid, getpid());
	EXPECT_ERRNO(syscall(SYS_tgkill, getpid(), 999999, SIGUSR1), ESRCH);
	signal(SIGUSR1, SIG_DFL);
	return test_done();
}
