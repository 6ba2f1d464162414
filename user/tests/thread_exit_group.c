/*
 * thread_exit_group - exit(2) ends one thread, exit_group(2) the process:
 *  - a child whose main thread leaves with pthread_exit while another thread runs lives on
 *    (wait4 WNOHANG sees no zombie yet, the other thread keeps writing to a pipe); its exit
 *    status is the one the last thread gives to exit(), and the parent gets one SIGCHLD;
 *  - a child whose main thread calls _exit (exit_group) while three threads sleep or spin
 *    ends at once with that status;
 *  - a fatal signal sent to the process (kill) ends every thread: the status is that signal.
 */
#include "test.h"
#include <pthread.h>
#include <time.h>

static int pipefd[2];

static void *late_exit(void *arg)
{
	(void)arg;
	usleep(300000);			/* the main thread is gone by now */
	if (write(pipefd[1], "alive", 5) != 5)
		_exit(90);
	usleep(100000);
	exit(7);			/* exit_group from the last thread */
}

static void *sleeper(void *arg)
{
	if (arg)
		for (;;)
			;		/* spin */
	for (;;)
		pause();
	return NULL;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(void)
{
	sigset_t chld, old;
	pid_t pid;
	char buf[8] = { 0 };
	long long t0;
	siginfo_t si;
	struct timespec zero = { 0, 0 };

	/* 1. The main thread leaves first. */
	ASSERT(pipe(pipefd) == 0, "pipe: %s", strerror(errno));
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		pthread_t th;

		if (pthread_create(&th, NULL, late_exit, NULL))
			_exit(91);
		pthread_exit(NULL);
	}
	close(pipefd[1]);
	usleep(100000);
	EXPECT_EQ(waitpid(pid, NULL, WNOHANG), 0);		/* still running */
	EXPECT_EQ(kill(pid, 0), 0);
	EXPECT_EQ(read(pipefd[0], buf, 5), 5);
	EXPECT(!strcmp(buf, "alive"), "read \"%s\"", buf);
	EXPECT_EQ(wait_exit_status(pid), 7);
	EXPECT_EQ(sigtimedwait(&chld, &si, &zero), SIGCHLD);	/* one SIGCHLD ... */
	EXPECT_EQ(si.si_pid, pid);
	EXPECT_EQ(si.si_code, CLD_EXITED);
	EXPECT_ERRNO(sigtimedwait(&chld, &si, &zero), EAGAIN);	/* ... and no second */
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(pipefd[0]);

	/* 2. exit_group ends sleeping and spinning threads at once. */
	t0 = now_ms();
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		pthread_t th;

		for (long i = 0; i < 3; i++)
			if (pthread_create(&th, NULL, sleeper, (void *)(long)(i == 2)))
				_exit(91);
		usleep(50000);
		_exit(5);
	}
	EXPECT_EQ(wait_exit_status(pid), 5);
	EXPECT(now_ms() - t0 < 5000, "exit_group took %lld ms", now_ms() - t0);

	/* 3. A fatal signal to the process ends all its threads. */
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		pthread_t th;

		for (long i = 0; i < 3; i++)
			if (pthread_create(&th, NULL, sleeper, (void *)(long)(i == 1)))
				_exit(91);
		for (;;)
			pause();
	}
	usleep(100000);
	EXPECT_EQ(kill(pid, SIGTERM), 0);
	EXPECT_EQ(wait_exit_status(pid), 128 + SIGTERM);
	return test_done();
}
