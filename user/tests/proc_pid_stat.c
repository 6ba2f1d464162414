/*
 * proc_pid_stat - /proc/self/stat has Linux's 52 fields, and those a process can check
 * agree with what it knows: pid, comm in parentheses, state R, ppid, process group, session,
 * tty_nr 0 and tpgid -1 (no controlling terminal under the test runner... or Linux's values
 * when there is one), fault counts between two getrusage readings, utime+stime against
 * getrusage, 1 thread, starttime no later than now (uptime), vsize and rss above 0, rsslim
 * as getrlimit(RLIMIT_RSS); /proc/self/comm is the name; a child's stat says its parent.
 */
#include "test.h"

#define NFIELDS 52

/* read_file - read @path into @buf (NUL-terminated); the length, or -1. */
static long read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long len = 0, n;

	if (fd < 0)
		return -1;
	while ((size_t)len < size - 1 && (n = read(fd, buf + len, size - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

/* parse_stat - split @buf into fields: f[1] pid ... f[52]; returns the count. comm (field 2)
 * is what lies between the first '(' and the last ')'. */
static int parse_stat(char *buf, char **f, char **comm)
{
	char *open_paren = strchr(buf, '('), *close_paren = strrchr(buf, ')'), *p, *save;
	int n = 2;

	if (!open_paren || !close_paren)
		return 0;
	*open_paren = *close_paren = '\0';
	f[1] = buf;
	*comm = open_paren + 1;
	for (p = strtok_r(close_paren + 1, " \n", &save); p && n < NFIELDS + 5;
	     p = strtok_r(NULL, " \n", &save))
		f[++n] = p;
	return n;
}

static double uptime_seconds(void)
{
	char buf[128];

	ASSERT(read_file("/proc/uptime", buf, sizeof(buf)) > 0, "/proc/uptime: %s", strerror(errno));
	return strtod(buf, NULL);
}

int main(int argc, char **argv)
{
	static char buf[4096], child_buf[4096];
	char *f[NFIELDS + 8] = { 0 }, *comm;
	struct rusage before, after;
	struct rlimit rl;
	const char *name;
	int n, pipefd[2];
	pid_t child;

	(void)argc;
	name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	memset(buf, 0, sizeof(buf));
	ASSERT(getrusage(RUSAGE_SELF, &before) == 0, "getrusage");
	ASSERT(read_file("/proc/self/stat", buf, sizeof(buf)) > 0, "/proc/self/stat: %s",
	       strerror(errno));
	ASSERT(getrusage(RUSAGE_SELF, &after) == 0, "getrusage");
	n = parse_stat(buf, f, &comm);
	EXPECT(n == NFIELDS, "%d fields, expected %d", n, NFIELDS);
	ASSERT(n >= 44, "too few fields to go on");

	EXPECT_EQ(atol(f[1]), getpid());
	EXPECT(strncmp(comm, name, 15) == 0, "comm '%s', expected '%.15s'", comm, name);
	EXPECT(strcmp(f[3], "R") == 0, "state '%s', expected R (it is reading)", f[3]);
	EXPECT_EQ(atol(f[4]), getppid());
	EXPECT_EQ(atol(f[5]), getpgrp());
	EXPECT_EQ(atol(f[6]), getsid(0));
	if (atol(f[7]) == 0)
		EXPECT(atol(f[8]) == -1, "tty_nr 0 but tpgid %s, expected -1", f[8]);
	EXPECT(atol(f[10]) >= before.ru_minflt && atol(f[10]) <= after.ru_minflt,
	       "minflt %s, getrusage %ld..%ld", f[10], before.ru_minflt, after.ru_minflt);
	EXPECT(atol(f[12]) >= before.ru_majflt && atol(f[12]) <= after.ru_majflt,
	       "majflt %s, getrusage %ld..%ld", f[12], before.ru_majflt, after.ru_majflt);
	{
		long ticks = atol(f[14]) + atol(f[15]);
		long ru_ticks = (after.ru_utime.tv_sec + after.ru_stime.tv_sec) * 100 +
				(after.ru_utime.tv_usec + after.ru_stime.tv_usec) / 10000;

		EXPECT(ticks >= 0 && ticks <= ru_ticks + 2, "utime+stime %ld ticks, getrusage %ld",
		       ticks, ru_ticks);
	}
	EXPECT_EQ(atol(f[20]), 1);			/* num_threads */
	EXPECT(strtod(f[22], NULL) <= uptime_seconds() * 100 + 1, "starttime %s after now", f[22]);
	EXPECT(strtoul(f[23], NULL, 10) > 0, "vsize %s", f[23]);
	EXPECT(atol(f[24]) > 0, "rss %s", f[24]);
	ASSERT(getrlimit(RLIMIT_RSS, &rl) == 0, "getrlimit");
	EXPECT(strtoull(f[25], NULL, 10) == (unsigned long long)rl.rlim_cur, "rsslim %s, rlimit %llu",
	       f[25], (unsigned long long)rl.rlim_cur);
	EXPECT_EQ(atol(f[38]), SIGCHLD);		/* exit_signal */

	memset(child_buf, 0, sizeof(child_buf));
	ASSERT(read_file("/proc/self/comm", child_buf, sizeof(child_buf)) > 0, "comm: %s",
	       strerror(errno));
	EXPECT(strncmp(child_buf, name, strnlen(name, 15)) == 0 &&
	       child_buf[strnlen(name, 15)] == '\n',
	       "/proc/self/comm '%s'", child_buf);

	/* A sleeping child: its stat names this process as parent and says S. */
	ASSERT(pipe(pipefd) == 0, "pipe");
	fflush(NULL);
	child = fork();
	ASSERT(child >= 0, "fork");
	if (child == 0) {
		char c;

		close(pipefd[1]);
		read(pipefd[0], &c, 1);
		_exit(0);
	}
	close(pipefd[0]);
	{
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d/stat", child);
		for (int tries = 0; tries < 100; tries++) {
			ASSERT(read_file(path, child_buf, sizeof(child_buf)) > 0, "%s", path);
			n = parse_stat(child_buf, f, &comm);
			if (n >= 4 && strcmp(f[3], "S") == 0)
				break;
			usleep(10000);
		}
		EXPECT(n == NFIELDS, "child: %d fields", n);
		EXPECT_EQ(atol(f[1]), child);
		EXPECT(strcmp(f[3], "S") == 0, "child state '%s', expected S", f[3]);
		EXPECT_EQ(atol(f[4]), getpid());
	}
	close(pipefd[1]);
	EXPECT_EQ(wait_exit_status(child), 0);
	return test_done();
}
