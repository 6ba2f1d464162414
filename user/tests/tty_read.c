/*
 * tty_read - reading the console when nothing has been typed, in each mode of the line
 * discipline.
 *
 * With nothing waiting: FIONREAD says 0; an O_NONBLOCK read is EAGAIN; a raw read (ICANON
 * off) with VMIN 0 and VTIME 0 returns 0 at once; with VMIN 0 and VTIME 2 it returns 0 after
 * about 0.2 s (at least 0.15 s, well under 5 s); a blocking canonical read ends with EINTR
 * when SIGALRM's handler (no SA_RESTART) runs, and is restarted after an SA_RESTART handler
 * (then ended by a second signal whose handler has no SA_RESTART, after both ran). The
 * termios is restored. Linux behaves so.
 */
#include "test.h"
#include <sys/ioctl.h>
#include <sys/time.h>
#include <termios.h>
#include <time.h>

static volatile int alarms, usr1s;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void on_usr1(int sig)
{
	(void)sig;
	usr1s++;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* set_timer - SIGALRM after @ms milliseconds (once). */
static void set_timer(int ms)
{
	struct itimerval it = { .it_value = { ms / 1000, (ms % 1000) * 1000 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
	struct termios orig, t;
	struct sigaction sa = { .sa_handler = on_alarm };
	char c;
	int fd = open("/dev/console", O_RDWR | O_NOCTTY), nb, n = -1;
	double t0, dt;
	pid_t child;

	ASSERT(fd >= 0, "open /dev/console: %s", strerror(errno));
	ASSERT(tcgetattr(fd, &orig) == 0, "tcgetattr: %s", strerror(errno));
	tcflush(fd, TCIFLUSH);

	EXPECT_EQ(ioctl(fd, FIONREAD, &n), 0);
	EXPECT_EQ(n, 0);

	nb = open("/dev/console", O_RDWR | O_NOCTTY | O_NONBLOCK);
	ASSERT(nb >= 0, "open /dev/console O_NONBLOCK: %s", strerror(errno));
	EXPECT_ERRNO(read(nb, &c, 1), EAGAIN);
	close(nb);

	t = orig;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	EXPECT_EQ(tcsetattr(fd, TCSANOW, &t), 0);
	EXPECT_EQ(read(fd, &c, 1), 0);
	t.c_cc[VTIME] = 2;
	EXPECT_EQ(tcsetattr(fd, TCSANOW, &t), 0);
	t0 = now();
	EXPECT_EQ(read(fd, &c, 1), 0);
	dt = now() - t0;
	EXPECT(dt >= 0.15 && dt < 5, "VMIN 0 VTIME 2: the read took %.3f s, expected about 0.2", dt);
	EXPECT_EQ(tcsetattr(fd, TCSANOW, &orig), 0);

	/* A blocking canonical read and signals. */
	sigaction(SIGALRM, &sa, NULL);
	set_timer(100);
	EXPECT_ERRNO(read(fd, &c, 1), EINTR);
	EXPECT_EQ(alarms, 1);

	/* SA_RESTART: the read goes on after SIGALRM's handler; SIGUSR1 (no SA_RESTART), sent
	 * by a child a little later, ends it. */
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = on_usr1;
	sa.sa_flags = 0;
	sigaction(SIGUSR1, &sa, NULL);
	child = fork();
	ASSERT(child >= 0, "fork");
	if (child == 0) {
		struct timespec ts = { 0, 400 * 1000000L };

		nanosleep(&ts, NULL);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	set_timer(100);
	EXPECT_ERRNO(read(fd, &c, 1), EINTR);
	EXPECT_EQ(alarms, 2);
	EXPECT_EQ(usr1s, 1);
	waitpid(child, NULL, 0);

	signal(SIGALRM, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	close(fd);
	return test_done();
}
