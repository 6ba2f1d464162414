/*
 * tty_pgrp - the controlling terminal and its foreground process group, with Linux's errors.
 *
 * In a child that made itself a session leader (setsid): the console is not its controlling
 * terminal yet, so TIOCGPGRP, TIOCSPGRP and TIOCNOTTY are ENOTTY. TIOCSCTTY makes it so (a
 * second TIOCSCTTY is 0); the foreground group and TIOCGSID are then the child's pid.
 * TIOCSPGRP: a negative group is EINVAL, a number nothing has (0 too) ESRCH, the parent's
 * group (of another session) EPERM, a bad address EFAULT; a grandchild's own group in the session
 * works and reads back. The grandchild (not a session leader) gets EPERM from TIOCSCTTY.
 * TIOCNOTTY by the leader (SIGHUP ignored: it goes to the foreground group) gives the
 * terminal up: TIOCGPGRP is ENOTTY again. /dev/null is ENOTTY for all of it.
 *
 * On Faultline the console starts as the terminal of init's session with init's group in
 * the foreground, so the test reads its group (0); on Linux /dev/console is nobody's
 * controlling terminal and the test gets ENOTTY.
 */
#include "test.h"
#include <sys/ioctl.h>

static int check(void)
{
	pid_t me = getpid(), pg = -2, g, gparent = getpgid(getppid());
	int fails = 0, fd, nfd, go[2], c = 0;

	if (setsid() != me)
		return 100;
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	nfd = open("/dev/null", O_RDWR);
	if (fd < 0 || nfd < 0)
		return 101;
	errno = 0;
	if (ioctl(fd, TIOCGPGRP, &pg) != -1 || errno != ENOTTY)
		fails |= 1;
	errno = 0;
	if (ioctl(fd, TIOCSPGRP, &me) != -1 || errno != ENOTTY)
		fails |= 2;
	errno = 0;
	if (ioctl(fd, TIOCNOTTY) != -1 || errno != ENOTTY)
		fails |= 4;
	if (ioctl(fd, TIOCSCTTY, 0) != 0 || ioctl(fd, TIOCSCTTY, 0) != 0)
		fails |= 8;
	pg = -2;
	if (ioctl(fd, TIOCGPGRP, &pg) != 0 || pg != me)
		fails |= 16;
	pg = -2;
	if (ioctl(fd, TIOCGSID, &pg) != 0 || pg != me)
		fails |= 32;

	pg = -1;
	errno = 0;
	if (ioctl(fd, TIOCSPGRP, &pg) != -1 || errno != EINVAL)
		fails |= 64;
	pg = 0x3ffffff0;
	errno = 0;
	if (ioctl(fd, TIOCSPGRP, &pg) != -1 || errno != ESRCH)
		fails |= 128;
	errno = 0;
	if (ioctl(fd, TIOCSPGRP, &gparent) != -1 || errno != EPERM)
		fails |= 256;
	pg = 0;					/* no process group is 0 to Linux */
	errno = 0;
	if (ioctl(fd, TIOCSPGRP, &pg) != -1 || errno != ESRCH)
		fails |= 262144;
	errno = 0;
	if (ioctl(fd, TIOCSPGRP, (void *)16) != -1 || errno != EFAULT)
		fails |= 512;

	if (pipe(go) != 0)
		return 102;
	g = fork();
	if (g < 0)
		return 103;
	if (g == 0) {
		close(go[1]);
		setpgid(0, 0);
		errno = 0;
		if (ioctl(fd, TIOCSCTTY, 0) != -1 || errno != EPERM)
			_exit(1);
		if (read(go[0], &c, 1) != 0)		/* until the leader closes the pipe */
			_exit(2);
		_exit(0);
	}
	close(go[0]);
	setpgid(g, g);				/* no race with the grandchild's own setpgid */
	/* Once another group is in the foreground, this one is in the background: Linux would
	 * stop it with SIGTTOU (or fail with EIO, its group being orphaned) when it takes the
	 * terminal back, unless it ignores SIGTTOU, as shells do. */
	signal(SIGTTOU, SIG_IGN);
	if (ioctl(fd, TIOCSPGRP, &g) != 0)
		fails |= 1024;
	pg = -2;
	if (ioctl(fd, TIOCGPGRP, &pg) != 0 || pg != g)
		fails |= 2048;
	if (ioctl(fd, TIOCSPGRP, &me) != 0)
		fails |= 4096;
	close(go[1]);
	if (waitpid(g, &c, 0) != g || !WIFEXITED(c) || WEXITSTATUS(c) != 0)
		fails |= 8192;

	signal(SIGHUP, SIG_IGN);
	if (ioctl(fd, TIOCNOTTY) != 0)
		fails |= 16384;
	errno = 0;
	if (ioctl(fd, TIOCGPGRP, &pg) != -1 || errno != ENOTTY)
		fails |= 32768;

	errno = 0;
	if (ioctl(nfd, TIOCGPGRP, &pg) != -1 || errno != ENOTTY)
		fails |= 65536;
	errno = 0;
	if (ioctl(nfd, TIOCSCTTY, 0) != -1 || errno != ENOTTY)
		fails |= 131072;
	return fails ? 1 + __builtin_ctz(fails) : 0;
}

int main(void)
{
	int status, fd;
	pid_t pid, pg = -2;

	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	ASSERT(fd >= 0, "open /dev/console: %s", strerror(errno));
	if (on_faultline()) {
		EXPECT_EQ(ioctl(fd, TIOCGPGRP, &pg), 0);
		EXPECT_EQ(pg, getpgrp());
	} else {
		EXPECT_ERRNO(ioctl(fd, TIOCGPGRP, &pg), ENOTTY);
	}
	ASSERT(setpgid(0, 0) == 0, "setpgid: %s", strerror(errno));	/* a group of our own */
	pid = fork();
	ASSERT(pid >= 0, "fork");
	if (pid == 0)
		_exit(check());
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "the session leader's checks: status %#x (exit code: 1 + the bit number of the "
	       "first failed check in check())", status);
	if (on_faultline()) {		/* the console is back with init's session and group */
		pg = -2;
		EXPECT_EQ(ioctl(fd, TIOCGPGRP, &pg), 0);
		EXPECT_EQ(pg, 0);
	}
	close(fd);
	return test_done();
}
