/*
 * sig_core - a process killed by a signal whose default action dumps core (SIGSEGV, SIGQUIT)
 * has the core-dump bit (WCOREDUMP, 0x80) in its wait status and SIGCHLD's si_code is
 * CLD_DUMPED; one killed by SIGTERM has neither (CLD_KILLED).
 *
 * Faultline writes no core file and always sets the bit. Linux sets it only when it wrote a
 * core file, which depends on RLIMIT_CORE and the file system: the child raises RLIMIT_CORE,
 * and on Linux the check is that the bit says whether a file "core" appeared (removed
 * afterwards).
 */
#include "test.h"
#include <time.h>

static void die_by(int sig, int core_expected)
{
	sigset_t set;
	siginfo_t si;
	struct timespec ts = { 5, 0 };
	pid_t pid;
	int status = 0, core_file;

	unlink("core");
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };

		setrlimit(RLIMIT_CORE, &rl);
		signal(sig, SIG_DFL);
		raise(sig);
		_exit(0);
	}
	memset(&si, 0, sizeof(si));
	EXPECT(sigtimedwait(&set, &si, &ts) == SIGCHLD, "signal %d: no SIGCHLD", sig);
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	core_file = access("core", F_OK) == 0;
	unlink("core");
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == sig, "signal %d: status %#x", sig, status);
	if (!core_expected) {
		EXPECT(!WCOREDUMP(status), "signal %d: core bit set, status %#x", sig, status);
		EXPECT(si.si_code == CLD_KILLED, "signal %d: si_code %d", sig, si.si_code);
	} else if (on_faultline()) {
		EXPECT(WCOREDUMP(status), "signal %d: no core bit, status %#x", sig, status);
		EXPECT(si.si_code == CLD_DUMPED, "signal %d: si_code %d, expected CLD_DUMPED", sig,
		       si.si_code);
	} else {
		EXPECT(!!WCOREDUMP(status) == core_file, "Linux, signal %d: core bit %d, core file %d",
		       sig, !!WCOREDUMP(status), core_file);
		EXPECT(si.si_code == (WCOREDUMP(status) ? CLD_DUMPED : CLD_KILLED),
		       "signal %d: si_code %d", sig, si.si_code);
	}
	EXPECT(si.si_status == sig, "signal %d: si_status %d", sig, si.si_status);
}

int main(void)
{
	die_by(SIGSEGV, 1);
	die_by(SIGQUIT, 1);
	die_by(SIGTERM, 0);
	return test_done();
}
