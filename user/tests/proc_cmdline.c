/*
 * proc_cmdline - /proc/self/cmdline is argv, each argument followed by a NUL, read from the
 * process's memory: the test re-executes itself with arguments (an empty one and one with a
 * space among them) and the child compares.
 */
#include "test.h"

static char buf[4096];

static long read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	long len = 0, n;

	if (fd < 0)
		return -1;
	while ((size_t)len < sizeof(buf) && (n = read(fd, buf + len, sizeof(buf) - (size_t)len)) > 0)
		len += n;
	close(fd);
	return len;
}

/* check_cmdline - compare @len bytes in buf with @argv. */
static void check_cmdline(long len, int argc, char **argv)
{
	long expect = 0;

	for (int i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;

		EXPECT(expect + (long)l <= len && memcmp(buf + expect, argv[i], l) == 0,
		       "argument %d ('%s') not at offset %ld", i, argv[i], expect);
		expect += (long)l;
	}
	EXPECT_EQ(len, expect);
}

int main(int argc, char **argv)
{
	char *args[] = { argv[0], "child", "", "two words", "last", NULL };
	pid_t pid;
	int status;

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		check_cmdline(read_file("/proc/self/cmdline"), argc, argv);
		return test_done();
	}
	check_cmdline(read_file("/proc/self/cmdline"), argc, argv);

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork");
	if (pid == 0) {
		execv(argv[0], args);
		_exit(99);
	}
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	return test_done();
}
