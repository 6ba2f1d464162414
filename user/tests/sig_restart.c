/*
 * sig_restart - a read on an empty pipe interrupted by SIGALRM: with SA_RESTART the read
 * goes on waiting after the handler and returns the data written later; without it, the read
 * fails with EINTR. Likewise wait4 on a running child. The alarm comes from setitimer after
 * 100 ms; a child writes to the pipe (or exits) after 400 ms. Linux behaves so.
 */
#include "test.h"
#include <sys/time.h>
#include <time.h>

static volatile int alarms;

static void on_alrm(int sig)
{
	(void)sig;
	alarms++;
}

static void arm(int flags)
{
	struct sigaction sa = { 0 };
	struct itimerval it = { { 0, 0 }, { 0, 100000 } };

	sa.sa_handler = on_alrm;
	sa.sa_flags = flags;
	ASSERT(sigaction(SIGALRM, &sa, NULL) == 0, "sigaction: %s", strerror(errno));
	alarms = 0;
	ASSERT(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer: %s", strerror(errno));
}

static pid_t late_child(int fd)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		struct timespec ts = { 0, 400 * 1000000L };

		nanosleep(&ts, NULL);
		if (fd >= 0 && write(fd, "x", 1) != 1)
			_exit(1);
		_exit(0);
	}
	return pid;
}

static void pipe_case(int flags)
{
	int p[2];
	char c = 0;
	ssize_t n;
	pid_t pid;

	ASSERT(pipe(p) == 0, "pipe: %s", strerror(errno));
	pid = late_child(p[1]);
	arm(flags);
	errno = 0;
	n = read(p[0], &c, 1);
	if (flags & SA_RESTART)
		EXPECT(n == 1 && c == 'x', "SA_RESTART: read returned %zd (%s), expected the byte",
		       n, strerror(errno));
	else
		EXPECT(n == -1 && errno == EINTR, "no SA_RESTART: read returned %zd (%s), expected EINTR",
		       n, strerror(errno));
	EXPECT_EQ(alarms, 1);
	EXPECT_EQ(wait_exit_status(pid), 0);
	close(p[0]);
	close(p[1]);
}

static void wait_case(int flags)
{
	pid_t pid = late_child(-1), w;
	int status;

	arm(flags);
	errno = 0;
	w = wait4(pid, &status, 0, NULL);
	if (flags & SA_RESTART) {
		EXPECT(w == pid, "SA_RESTART: wait4 returned %d (%s)", w, strerror(errno));
	} else {
		EXPECT(w == -1 && errno == EINTR, "no SA_RESTART: wait4 returned %d (%s), expected EINTR",
		       w, strerror(errno));
		EXPECT_EQ(wait_exit_status(pid), 0);
	}
	EXPECT_EQ(alarms, 1);
}

int main(void)
{
	pipe_case(SA_RESTART);
	pipe_case(0);
	wait_case(SA_RESTART);
	wait_case(0);
	signal(SIGALRM, SIG_DFL);
	return test_done();
}
