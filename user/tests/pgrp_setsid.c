/*
 * pgrp_setsid - sessions and process groups with Linux's errors.
 *
 * In a child: setsid makes it leader of a new session and group (getsid(0), getpgrp() and
 * getpgid(0) are its pid); a second setsid fails with EPERM (it leads a group); setpgid on
 * itself fails with EPERM (a session leader). Then with a grandchild: setpgid(-1 pgid) is
 * EINVAL; setpgid on a process that is not a child is ESRCH; setpgid of the grandchild into
 * a group that does not exist in the session is EPERM; into its own new group works, then
 * back into the leader's group works; getpgid/getsid of no process is ESRCH; after the
 * grandchild exec'ed (this program again, through argv[0], waiting for end of file on its
 * stdin), setpgid on it is EACCES. Linux behaves so.
 */
#include "test.h"
#include <time.h>

static const char *self;

static int check(void)
{
	pid_t me = getpid(), g;
	int fails = 0, go[2], hold[2], i, r = 0;
	struct timespec ts = { 0, 20 * 1000000L };
	char c;

	if (setsid() != me || getsid(0) != me || getpgrp() != me || getpgid(0) != me)
		return 10;
	errno = 0;
	if (setsid() != -1 || errno != EPERM)
		fails |= 1;
	errno = 0;
	if (setpgid(0, 0) != -1 || errno != EPERM)
		fails |= 2;
	if (pipe(go) != 0 || pipe(hold) != 0)
		return 11;
	g = fork();
	if (g < 0)
		return 12;
	if (g == 0) {
		/* On the go, exec this program again, waiting for end of file on stdin. */
		char *argv[] = { (char *)self, "wait", NULL };

		close(go[1]);
		close(hold[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		dup2(hold[0], 0);
		execv(self, argv);
		_exit(2);
	}
	close(go[0]);
	close(hold[0]);
	errno = 0;
	if (setpgid(g, -1) != -1 || errno != EINVAL)
		fails |= 4;
	errno = 0;
	if (setpgid(getppid(), 0) != -1 || errno != ESRCH)
		fails |= 8;
	errno = 0;
	if (setpgid(g, 999999) != -1 || errno != EPERM)
		fails |= 16;
	if (setpgid(g, g) != 0 || getpgid(g) != g)
		fails |= 32;
	if (setpgid(g, me) != 0 || getpgid(g) != me)
		fails |= 64;
	errno = 0;
	if (getpgid(999999) != -1 || errno != ESRCH || getsid(999999) != -1)
		fails |= 128;
	/* After the child's execve: EACCES (poll: the exec takes a moment). */
	if (write(go[1], "g", 1) != 1)
		return 13;
	for (i = 0; i < 100; i++) {
		errno = 0;
		r = setpgid(g, g);
		if (r == -1 && errno == EACCES)
			break;
		nanosleep(&ts, NULL);
	}
	if (!(r == -1 && errno == EACCES))
		fails |= 256;
	close(hold[1]);
	close(go[1]);
	if (wait_exit_status(g) != 0)
		fails |= 512;
	return fails ? 20 + fails : 0;
}

int main(int argc, char **argv)
{
	pid_t pid;
	int st;

	if (argc > 1 && strcmp(argv[1], "wait") == 0) {
		char c;

		while (read(0, &c, 1) > 0)
			;
		return 0;
	}
	self = argv[0];
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(check());
	st = wait_exit_status(pid);
	EXPECT(st == 0, "child: %d (10-12 setup/setsid; 20 + bits: 1 second setsid, 2 setpgid of "
	       "a session leader, 4 EINVAL, 8 ESRCH for a non-child, 16 EPERM for a missing "
	       "group, 32/64 moving a child, 128 ESRCH for no process, 256 no EACCES after the "
	       "child's execve, 512 the exec'ed child failed)", st);
	return test_done();
}
