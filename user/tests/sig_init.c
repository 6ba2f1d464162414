/*
 * sig_init - init (pid 1) is protected from signals it has no handler for: a default-fatal
 * signal sent to it with kill() is discarded (kill returns 0), as Linux does for the
 * "unkillable" init of a pid namespace.
 *
 * Run as init itself (tools/run-elf), the test sends SIGUSR2 to itself: it must survive.
 * Run under Faultline's test runner (which is init and has no SIGUSR2 handler), it sends
 * SIGUSR2 to pid 1 and checks init is still there 100 ms later; if not, the whole run fails.
 * On Linux it runs only as pid 1: the host's init is not a program of ours to signal.
 */
#include "test.h"
#include <time.h>

int main(void)
{
	struct timespec ts = { 0, 100 * 1000000L };
	struct sigaction old;

	if (getpid() != 1 && !on_faultline()) {
		/* The host's init is not ours to signal (it may act on SIGUSR2). */
		fprintf(stderr, "SKIP: on Linux only as pid 1 (the host's init is not ours)\n");
		return test_done();
	}
	ASSERT(sigaction(SIGUSR2, NULL, &old) == 0, "sigaction: %s", strerror(errno));
	if (getpid() == 1 && old.sa_handler != SIG_DFL)
		signal(SIGUSR2, SIG_DFL);
	EXPECT_EQ(kill(1, SIGUSR2), 0);
	nanosleep(&ts, NULL);
	EXPECT_EQ(kill(1, 0), 0);
	return test_done();
}
