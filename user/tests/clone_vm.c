/*
 * clone_vm - clone(CLONE_VM) without CLONE_VFORK makes a child process that shares the
 * parent's memory (as Linux): the child, on a stack of its own, writes a variable the parent
 * then reads, and is reaped with wait4 like any child (its exit signal is SIGCHLD). vfork
 * (CLONE_VM | CLONE_VFORK) still works. (Faultline refused CLONE_VM alone before it had
 * threads and an mmap_lock.)
 */
#include "test.h"
#include <sched.h>

static volatile int shared = 1;

static int child_fn(void *arg)
{
	shared = (int)(long)arg;
	return 9;
}

int main(void)
{
	char *stack = mmap(NULL, 64 * 1024, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			   -1, 0);
	pid_t pid;

	ASSERT(stack != MAP_FAILED, "mmap: %s", strerror(errno));
	fflush(NULL);
	pid = clone(child_fn, stack + 64 * 1024, CLONE_VM | SIGCHLD, (void *)5L);
	ASSERT(pid > 0, "clone(CLONE_VM): %s", strerror(errno));
	EXPECT_EQ(wait_exit_status(pid), 9);
	EXPECT_EQ(shared, 5);
	EXPECT_ERRNO(wait4(-1, NULL, WNOHANG, NULL), ECHILD);
	munmap(stack, 64 * 1024);

	fflush(NULL);
	pid = vfork();
	if (pid == 0)
		_exit(3);
	ASSERT(pid > 0, "vfork: %s", strerror(errno));
	EXPECT_EQ(wait_exit_status(pid), 3);
	return test_done();
}
