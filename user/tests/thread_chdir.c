/*
 * thread_chdir - the threads of a process share its current directory (pthread_create passes
 * CLONE_FS: one fs_struct, counted): a chdir in one thread is what getcwd and a relative open
 * see in the others, both ways. A fork child gets a copy: its chdir leaves the parent's alone.
 */
#include "test.h"
#include <pthread.h>
#include <sys/stat.h>

#define D "/tmp/thread_chdir"

static char thread_cwd[256];
static int thread_open_ok;

/* Reports the directory the main thread chose, then moves the whole process to D/b. */
static void *worker(void *arg)
{
	int fd;

	(void)arg;
	if (!getcwd(thread_cwd, sizeof(thread_cwd)))
		thread_cwd[0] = '\0';
	fd = open("in_a", O_RDONLY);	/* relative: resolved from the shared directory */
	thread_open_ok = fd >= 0;
	if (fd >= 0)
		close(fd);
	if (chdir(D "/b") != 0)
		perror("chdir in thread");
	return NULL;
}

int main(void)
{
	pthread_t th;
	char buf[256];
	pid_t pid;
	int status, fd;

	mkdir(D, 0755);
	mkdir(D "/a", 0755);
	mkdir(D "/b", 0755);
	fd = open(D "/a/in_a", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ASSERT(fd >= 0, "create %s/a/in_a: %s", D, strerror(errno));
	close(fd);

	ASSERT(chdir(D "/a") == 0, "chdir a: %s", strerror(errno));
	ASSERT(pthread_create(&th, NULL, worker, NULL) == 0, "pthread_create failed");
	ASSERT(pthread_join(th, NULL) == 0, "pthread_join failed");
	EXPECT(strcmp(thread_cwd, D "/a") == 0, "thread's getcwd '%s', want %s/a", thread_cwd, D);
	EXPECT(thread_open_ok, "the thread could not open in_a relative to the shared directory");
	EXPECT(getcwd(buf, sizeof(buf)) && strcmp(buf, D "/b") == 0,
	       "main thread's getcwd '%s' after the thread's chdir, want %s/b", buf, D);

	/* A fork child's directory is its own. */
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(chdir(D "/a") == 0 ? 0 : 1);
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child's chdir failed");
	EXPECT(getcwd(buf, sizeof(buf)) && strcmp(buf, D "/b") == 0,
	       "getcwd '%s' after the child's chdir, want %s/b", buf, D);

	EXPECT(chdir("/") == 0, "chdir /: %s", strerror(errno));
	unlink(D "/a/in_a");
	rmdir(D "/a");
	rmdir(D "/b");
	rmdir(D);
	return test_done();
}
