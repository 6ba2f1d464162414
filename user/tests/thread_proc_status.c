/*
 * thread_proc_status - /proc as Linux shows a threaded process: /proc/self/status says
 * "Threads:" for the whole group, Tgid and Pid the process id, PPid its parent's;
 * /proc/TID/status of another thread (reachable by its thread id, though /proc lists
 * processes only) has that thread's own Pid, the process's Tgid and the same PPid; field 20
 * of /proc/self/stat (num_threads) counts the threads too, and the count falls when one ends.
 */
#include "test.h"
#include <dirent.h>
#include <pthread.h>

#define NTHREADS	3

static volatile int go_home;
static volatile pid_t tids[NTHREADS];

static void *worker(void *arg)
{
	tids[(long)arg] = (pid_t)syscall(SYS_gettid);
	while (!go_home)
		usleep(1000);
	return NULL;
}

/* status_field - the number after "@name:\t" in @path (a status file), or -1. */
static long status_field(const char *path, const char *name)
{
	char buf[4096], *p;
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	size_t len = strlen(name);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, name, len) == 0 && p[len] == ':')
			return strtol(p + len + 1, NULL, 10);
	return -1;
}

/* stat_num_threads - field 20 of /proc/self/stat, or -1. */
static long stat_num_threads(void)
{
	char buf[1024], *p;
	int fd = open("/proc/self/stat", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strrchr(buf, ')');		/* the end of field 2, the name */
	for (int field = 3; p && field <= 20; field++)
		p = strchr(p + 1, ' ');	/* the space before field @field */
	return p ? strtol(p + 1, NULL, 10) : -1;
}

/* listed - does /proc list an entry named @id? */
static int listed(pid_t id)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int found = 0;

	while (d && (e = readdir(d)))
		if (atoi(e->d_name) == id)
			found = 1;
	if (d)
		closedir(d);
	return found;
}

int main(void)
{
	pthread_t th[NTHREADS];
	pid_t pid = getpid(), ppid = getppid();
	char path[64];

	for (long i = 0; i < NTHREADS; i++)
		ASSERT(pthread_create(&th[i], NULL, worker, (void *)i) == 0, "pthread_create failed");
	for (int n = 0; n < 1000; n++) {
		int all = 1;

		for (int i = 0; i < NTHREADS; i++)
			all &= tids[i] != 0;
		if (all)
			break;
		usleep(1000);
	}

	EXPECT_EQ(status_field("/proc/self/status", "Threads"), NTHREADS + 1);
	EXPECT_EQ(status_field("/proc/self/status", "Tgid"), pid);
	EXPECT_EQ(status_field("/proc/self/status", "Pid"), pid);
	EXPECT_EQ(status_field("/proc/self/status", "PPid"), ppid);
	EXPECT_EQ(stat_num_threads(), NTHREADS + 1);
	for (int i = 0; i < NTHREADS; i++) {
		snprintf(path, sizeof(path), "/proc/%d/status", tids[i]);
		EXPECT_EQ(status_field(path, "Pid"), tids[i]);
		EXPECT_EQ(status_field(path, "Tgid"), pid);
		EXPECT_EQ(status_field(path, "PPid"), ppid);
		EXPECT_EQ(status_field(path, "Threads"), NTHREADS + 1);
		EXPECT(!listed(tids[i]), "/proc lists thread %d as a process", tids[i]);
	}
	EXPECT(listed(pid), "/proc does not list this process (%d)", pid);

	go_home = 1;
	for (int i = 0; i < NTHREADS; i++)
		ASSERT(pthread_join(th[i], NULL) == 0, "pthread_join failed");
	/* A joined thread may still be on its way out for a moment. */
	for (int n = 0; n < 500 && status_field("/proc/self/status", "Threads") != 1; n++)
		usleep(1000);
	EXPECT_EQ(status_field("/proc/self/status", "Threads"), 1);
	EXPECT_EQ(stat_num_threads(), 1);
	return test_done();
}
