/*
 * mlock_fork - memory locks are not inherited: after the parent mlock'ed a range and called
 * mlockall(MCL_FUTURE), the child's VmLck is 0 and its new mappings are not populated, while
 * the parent's stay locked. Exit unaccounts: a child that locked memory and exited leaves
 * nothing behind (the runner's leak check and /proc/mmcheck see the rest).
 */
#include "mlock_check.h"

#define NPAGES	16

int main(void)
{
	size_t len = NPAGES * PAGE_SIZE;
	int status;
	pid_t pid;
	char *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(mlock(p, len), 0);
	EXPECT_EQ(mlockall(MCL_FUTURE), 0);
	EXPECT_EQ(vm_lck_kb(), (long)(len / 1024));
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		char *q = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (vm_lck_kb() != 0)
			_exit(10);
		if (q == MAP_FAILED || resident(q, NPAGES) != 0)
			_exit(11);
		if (p[0] != 0 || mlock(q, len) != 0 || vm_lck_kb() != (long)(len / 1024))
			_exit(12);
		_exit(0);		/* exits with a locked range */
	}
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "child: status %#x", status);
	EXPECT_EQ(vm_lck_kb(), (long)(len / 1024));
	EXPECT_EQ(munlockall(), 0);
	EXPECT_EQ(vm_lck_kb(), 0);
	EXPECT_EQ(munmap(p, len), 0);
	return test_done();
}
