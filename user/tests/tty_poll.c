/*
 * tty_poll - poll and select on the console when nothing has been typed.
 *
 * The console is always writable and, with nothing waiting, never readable: poll with a zero
 * timeout reports POLLOUT alone, select marks only the write set, and a raw mode with VMIN 0
 * and VTIME 0 (where a read would return 0 at once) is still not readable. A poll for input
 * sleeps for its whole timeout, ends with EINTR when a handler runs, and a task asleep in it
 * dies of SIGKILL. The termios is restored. Linux behaves so.
 */
#include "test.h"
#include <poll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <termios.h>
#include <time.h>

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	struct termios orig, t;
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value = { 0, 100 * 1000 } };
	int fd = open("/dev/console", O_RDWR | O_NOCTTY), status;
	struct pollfd pfd;
	struct timeval tv = { 0, 0 };
	fd_set rfds, wfds;
	double t0, dt;
	pid_t child;

	ASSERT(fd >= 0, "open /dev/console: %s", strerror(errno));
	ASSERT(tcgetattr(fd, &orig) == 0, "tcgetattr: %s", strerror(errno));
	tcflush(fd, TCIFLUSH);

	pfd = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	EXPECT_EQ(poll(&pfd, 1, 0), 1);
	EXPECT_EQ(pfd.revents, POLLOUT);

	FD_ZERO(&rfds);
	FD_ZERO(&wfds);
	FD_SET(fd, &rfds);
	FD_SET(fd, &wfds);
	EXPECT_EQ(select(fd + 1, &rfds, &wfds, NULL, &tv), 1);
	EXPECT(!FD_ISSET(fd, &rfds), "select: the console is readable with nothing typed");
	EXPECT(FD_ISSET(fd, &wfds), "select: the console is not writable");

	t = orig;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	EXPECT_EQ(tcsetattr(fd, TCSANOW, &t), 0);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	EXPECT_EQ(poll(&pfd, 1, 0), 0);
	EXPECT_EQ(pfd.revents, 0);
	EXPECT_EQ(tcsetattr(fd, TCSANOW, &orig), 0);

	/* Asleep for the whole timeout. */
	t0 = now();
	EXPECT_EQ(poll(&pfd, 1, 150), 0);
	dt = now() - t0;
	EXPECT(dt >= 0.1 && dt < 5, "poll for 150 ms took %.3f s", dt);

	/* A handler ends the sleep with EINTR. */
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	EXPECT_ERRNO(poll(&pfd, 1, -1), EINTR);
	EXPECT_EQ(alarms, 1);
	signal(SIGALRM, SIG_DFL);

	/* SIGKILL ends it for good. */
	child = fork();
	ASSERT(child >= 0, "fork");
	if (child == 0) {
		poll(&pfd, 1, -1);
		_exit(0);
	}
	usleep(100 * 1000);
	kill(child, SIGKILL);
	ASSERT(waitpid(child, &status, 0) == child, "waitpid: %s", strerror(errno));
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	       "the child asleep in poll: status %#x, expected SIGKILL", status);

	close(fd);
	return test_done();
}
