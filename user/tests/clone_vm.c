/*
 * clone_vm - Faultline refuses clone(CLONE_VM) without CLONE_VFORK: that would give two
 * running tasks one mm, which needs threads (shared signal handling, mm locking) that
 * Faultline does not have. clone fails with EINVAL and no child is created. vfork
 * (CLONE_VM | CLONE_VFORK) still works.
 *
 * Linux accepts CLONE_VM alone, so the refusal is a Faultline-only check: on another kernel
 * (uname -s not "Faultline") the test says so on stderr and checks only the vfork part.
 */
#include "test.h"
#include <sys/utsname.h>

#ifndef CLONE_VM
#define CLONE_VM	0x00000100
#define CLONE_VFORK	0x00004000
#endif

int main(void)
{
	struct utsname u;
	pid_t pid;

	ASSERT(uname(&u) == 0, "uname: %s", strerror(errno));
	if (on_faultline()) {
		fflush(NULL);
		errno = 0;
		long r = syscall(SYS_clone, CLONE_VM | SIGCHLD, 0UL, NULL, NULL, 0UL);
		if (r == 0)
			_exit(99);	/* a child sharing our mm: leave at once */
		EXPECT(r == -1 && errno == EINVAL, "clone(CLONE_VM) = %ld, errno %d (%s), expected EINVAL",
		       r, errno, strerror(errno));
		if (r > 0)
			wait_exit_status((pid_t)r);
		EXPECT_ERRNO(wait4(-1, NULL, WNOHANG, NULL), ECHILD);
	} else {
		fprintf(stderr, "clone_vm: Faultline-only check (CLONE_VM without CLONE_VFORK is "
			"refused) not run on %s\n", u.sysname);
	}

	fflush(NULL);
	pid = vfork();
	if (pid == 0)
		_exit(3);
	ASSERT(pid > 0, "vfork: %s", strerror(errno));
	EXPECT_EQ(wait_exit_status(pid), 3);
	return test_done();
}
