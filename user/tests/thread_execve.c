/*
 * thread_execve - execve from a thread that is not the main one, while other threads run:
 * the other threads end, and the new program runs in the same process - getpid() is the
 * old process id (the exec'ing thread took over the main thread's id, as Linux's de_thread),
 * it is single-threaded (gettid() == getpid()), and its parent still waits for the same pid.
 * Run as "thread_execve" it forks the process that does this; run as "thread_execve PID" it
 * is the new program and checks that PID is its own.
 */
#include "test.h"
#include <pthread.h>

static char *self;

static void *spin(void *arg)
{
	(void)arg;
	for (;;)
		;
	return NULL;
}

static void *exec_self(void *arg)
{
	char pidbuf[16];
	char *argv[] = { self, pidbuf, NULL };

	(void)arg;
	snprintf(pidbuf, sizeof(pidbuf), "%d", getpid());
	execve(self, argv, NULL);
	_exit(92);
}

int main(int argc, char **argv)
{
	pid_t pid;

	if (argc == 2) {		/* the new program */
		if (getpid() != atoi(argv[1]))
			return 10;
		if (syscall(SYS_gettid) != getpid())
			return 11;
		return 42;
	}
	self = argv[0];
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		pthread_t th;

		if (pthread_create(&th, NULL, spin, NULL) || pthread_create(&th, NULL, spin, NULL) ||
		    pthread_create(&th, NULL, exec_self, NULL))
			_exit(91);
		for (;;)
			pause();
	}
	EXPECT_EQ(wait_exit_status(pid), 42);
	EXPECT_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD);
	return test_done();
}
