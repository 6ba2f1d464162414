/*
 * sig_pipe - a write to a pipe whose read end is closed raises SIGPIPE: by default it kills
 * the writer; with SIGPIPE ignored the write fails with EPIPE; with a handler, the handler
 * runs and the write fails with EPIPE; with SIGPIPE blocked the write fails with EPIPE and
 * SIGPIPE stays pending. Linux behaves so.
 */
#include "test.h"

static volatile int calls;

static void on_pipe(int sig)
{
	(void)sig;
	calls++;
}

/* broken_pipe - a pipe with its read end closed; returns the write end. */
static int broken_pipe(void)
{
	int p[2];

	ASSERT(pipe(p) == 0, "pipe: %s", strerror(errno));
	close(p[0]);
	return p[1];
}

static void write_broken(void *arg)
{
	int fd = broken_pipe();

	(void)arg;
	if (write(fd, "x", 1) < 0)
		_exit(1);		/* EPIPE, but no signal: wrong */
	_exit(2);
}

int main(void)
{
	sigset_t set, pend;
	int fd;

	expect_signal(write_broken, NULL, SIGPIPE);

	signal(SIGPIPE, SIG_IGN);
	fd = broken_pipe();
	EXPECT_ERRNO(write(fd, "x", 1), EPIPE);
	close(fd);

	signal(SIGPIPE, on_pipe);
	fd = broken_pipe();
	EXPECT_ERRNO(write(fd, "x", 1), EPIPE);
	EXPECT_EQ(calls, 1);
	close(fd);

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, NULL);
	fd = broken_pipe();
	EXPECT_ERRNO(write(fd, "x", 1), EPIPE);
	sigpending(&pend);
	EXPECT(sigismember(&pend, SIGPIPE), "SIGPIPE not pending while blocked");
	EXPECT_EQ(calls, 1);
	close(fd);
	sigprocmask(SIG_UNBLOCK, &set, NULL);	/* delivered now */
	EXPECT_EQ(calls, 2);
	signal(SIGPIPE, SIG_DFL);
	return test_done();
}
