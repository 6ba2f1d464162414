/*
 * poll_pipe - poll(2) on a pipe: an empty pipe times out (0, after about the timeout) and
 * its write end is writable; after a write the read end has POLLIN; after the writer closes,
 * POLLHUP (with POLLIN while data remains, alone once it is read); the write end gets POLLERR
 * once the reader is gone; a closed fd gives POLLNVAL, a negative one is skipped; a writer
 * in another process wakes a poll with no timeout; a signal with a handler ends poll with
 * EINTR; ppoll with that signal blocked sleeps through it until its timeout.
 */
#include "test.h"
#include <poll.h>
#include <time.h>

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_alarm(int sig)
{
	(void)sig;
}

int main(void)
{
	struct pollfd pfd[3];
	struct sigaction sa = { .sa_handler = on_alarm };
	struct timespec ts = { 0, 150 * 1000000 };
	sigset_t block;
	int p[2], r;
	long t0;
	char c = 'x';
	pid_t pid;

	ASSERT(pipe(p) == 0, "pipe");
	pfd[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	t0 = now_ms();
	EXPECT_EQ(poll(pfd, 1, 100), 0);
	EXPECT(now_ms() - t0 >= 90, "timed out after %ld ms, expected 100", now_ms() - t0);
	EXPECT_EQ(pfd[0].revents, 0);

	pfd[0] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	EXPECT_EQ(poll(pfd, 1, 0), 1);
	EXPECT_EQ(pfd[0].revents, POLLOUT);

	ASSERT(write(p[1], "ab", 2) == 2, "write");
	pfd[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = -1, .events = POLLIN, .revents = 0x7 };
	EXPECT_EQ(poll(pfd, 2, 1000), 1);
	EXPECT_EQ(pfd[0].revents, POLLIN);
	EXPECT_EQ(pfd[1].revents, 0);

	close(p[1]);
	EXPECT_EQ(poll(pfd, 1, 0), 1);
	EXPECT_EQ(pfd[0].revents, POLLIN | POLLHUP);
	{
		char two[2];

		ASSERT(read(p[0], two, 2) == 2, "read");
	}
	EXPECT_EQ(poll(pfd, 1, 0), 1);
	EXPECT_EQ(pfd[0].revents, POLLHUP);
	close(p[0]);
	pfd[0].revents = 0;
	EXPECT_EQ(poll(pfd, 1, 0), 1);
	EXPECT_EQ(pfd[0].revents, POLLNVAL);

	/* Reader gone: the write end reports POLLERR (SIGPIPE ignored: no write is made). */
	ASSERT(pipe(p) == 0, "pipe");
	close(p[0]);
	pfd[0] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	EXPECT_EQ(poll(pfd, 1, 0), 1);
	EXPECT(pfd[0].revents & POLLERR, "revents %#x, expected POLLERR", pfd[0].revents);
	close(p[1]);

	/* A writer in a child wakes a poll that has no timeout. */
	ASSERT(pipe(p) == 0, "pipe");
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork");
	if (pid == 0) {
		usleep(50000);
		write(p[1], &c, 1);
		_exit(0);
	}
	pfd[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	EXPECT_EQ(poll(pfd, 1, -1), 1);
	EXPECT_EQ(pfd[0].revents, POLLIN);
	EXPECT_EQ(wait_exit_status(pid), 0);

	/* A handled signal interrupts: EINTR (the pipe is empty again). */
	ASSERT(read(p[0], &c, 1) == 1, "read");
	ASSERT(sigaction(SIGALRM, &sa, NULL) == 0, "sigaction");
	ualarm(50000, 0);
	errno = 0;
	r = poll(pfd, 1, 2000);
	EXPECT(r == -1 && errno == EINTR, "poll returned %d (%s), expected EINTR", r,
	       strerror(errno));

	/* ppoll with SIGALRM blocked: the alarm does not end it; it times out. */
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	ualarm(50000, 0);
	t0 = now_ms();
	{
		sigset_t old;

		sigprocmask(SIG_BLOCK, &block, &old);
		EXPECT_EQ(ppoll(pfd, 1, &ts, &block), 0);
		EXPECT(now_ms() - t0 >= 140, "ppoll returned after %ld ms", now_ms() - t0);
		sigprocmask(SIG_SETMASK, &old, NULL);	/* the pending alarm runs its handler */
	}
	signal(SIGALRM, SIG_DFL);
	close(p[0]);
	close(p[1]);
	return test_done();
}
