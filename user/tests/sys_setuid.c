/*
 * sys_setuid - root may become any uid and gid (setuid, setgid, setreuid, setresuid,
 * setresgid, setfsuid, setgroups), getresuid/getresgid/getgroups report what was set, and a
 * process that gave up root can no longer take arbitrary ids (EPERM), only its saved ones.
 * Run in a child, so the test process stays root for its second pass.
 */
#include "test.h"
#include <grp.h>
#include <sys/fsuid.h>

static int child(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs, groups[4] = { 30, 10, 20 }, got[4];
	int n;

	ASSERT(getuid() == 0 && geteuid() == 0, "not running as root");
	EXPECT(setgroups(3, groups) == 0, "setgroups: %s", strerror(errno));
	n = getgroups(0, NULL);
	EXPECT_EQ(n, 3);
	EXPECT_ERRNO(getgroups(1, got), EINVAL);
	n = getgroups(4, got);
	EXPECT(n == 3 && got[0] == 10 && got[1] == 20 && got[2] == 30, "getgroups: %d %u %u %u", n,
	       got[0], got[1], got[2]);
	EXPECT(setresgid(100, 101, 102) == 0, "setresgid: %s", strerror(errno));
	EXPECT(getresgid(&gr, &ge, &gs) == 0 && gr == 100 && ge == 101 && gs == 102,
	       "getresgid: %u %u %u", gr, ge, gs);
	EXPECT(getgid() == 100 && getegid() == 101, "getgid %u getegid %u", getgid(), getegid());
	EXPECT(setresuid(1000, 0, 1002) == 0, "setresuid: %s", strerror(errno));
	EXPECT(getresuid(&r, &e, &s) == 0 && r == 1000 && e == 0 && s == 1002, "getresuid: %u %u %u",
	       r, e, s);
	EXPECT(setreuid(-1, 1001) == 0, "setreuid: %s", strerror(errno));
	EXPECT(getresuid(&r, &e, &s) == 0 && r == 1000 && e == 1001 && s == 1001,
	       "after setreuid(-1, 1001): %u %u %u", r, e, s);
	/* No longer root: only its own ids. */
	EXPECT_ERRNO(setuid(0), EPERM);
	EXPECT_ERRNO(setresuid(-1, 5, -1), EPERM);
	EXPECT_ERRNO(setgroups(1, groups), EPERM);
	EXPECT(setuid(1000) == 0, "setuid to the real uid: %s", strerror(errno));
	EXPECT(getuid() == 1000 && geteuid() == 1000, "uid %u euid %u", getuid(), geteuid());
	EXPECT_EQ(setfsuid(-1), 1000);
	EXPECT_ERRNO(setuid(-1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_getresuid, (void *)8, &e, &s), EFAULT);
	return test_done();
}

static int root_child(void)
{
	/* setuid as root sets all three. */
	uid_t r, e, s;

	EXPECT(setgid(77) == 0 && getgid() == 77 && getegid() == 77, "setgid: %s", strerror(errno));
	EXPECT(setuid(55) == 0, "setuid: %s", strerror(errno));
	EXPECT(getresuid(&r, &e, &s) == 0 && r == 55 && e == 55 && s == 55, "after setuid: %u %u %u",
	       r, e, s);
	return test_done();
}

int main(void)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(child());
	EXPECT_EQ(wait_exit_status(pid), 0);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(root_child());
	EXPECT_EQ(wait_exit_status(pid), 0);
	EXPECT(getuid() == 0 && geteuid() == 0 && getgid() == 0, "the parent's ids changed");
	return test_done();
}
