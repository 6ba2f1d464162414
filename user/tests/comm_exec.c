/*
 * comm_exec - execve sets the task's name (comm) to the new program's file name, and
 * clears all of it: nothing of an older, longer name survives after the new name's NUL, as
 * on Linux (__set_task_comm pads with zeros). prctl(PR_GET_NAME) returns all 16 bytes, so
 * the test can see them. The forked child names itself with 15 letters, execs this program,
 * and the new image checks its name there and in /proc/self/status.
 */
#include "test.h"
#include <sys/prctl.h>

#define MARKER	"--comm-exec-child"
#define LONG	"ABCDEFGHIJKLMNO"	/* 15 bytes: a full comm */

static int exec_child(const char *argv0)
{
	const char *base = strrchr(argv0, '/') ? strrchr(argv0, '/') + 1 : argv0;
	char name[16], want[16] = { 0 }, status[512], line[64];
	int fd, bad = 0;
	ssize_t n;

	strncpy(want, base, 15);
	memset(name, 0x5a, sizeof(name));
	if (prctl(PR_GET_NAME, name, 0, 0, 0)) {
		fprintf(stderr, "FAIL: PR_GET_NAME: %s\n", strerror(errno));
		return 1;
	}
	for (int i = 0; i < 16; i++) {
		if (name[i] != want[i]) {
			fprintf(stderr, "FAIL: comm byte %d is %#x, expected %#x (comm \"%.16s\")\n", i,
				(unsigned char)name[i], (unsigned char)want[i], name);
			bad = 1;
		}
	}
	fd = open("/proc/self/status", O_RDONLY);
	n = fd >= 0 ? read(fd, status, sizeof(status) - 1) : -1;
	if (fd >= 0)
		close(fd);
	status[n > 0 ? n : 0] = '\0';
	snprintf(line, sizeof(line), "Name:\t%s\n", want);
	if (strncmp(status, line, strlen(line))) {
		fprintf(stderr, "FAIL: /proc/self/status starts \"%.30s\", expected \"%s\"\n", status, line);
		bad = 1;
	}
	return bad ? 2 : 0;
}

int main(int argc, char *argv[])
{
	char name[16];
	pid_t pid;

	if (argc >= 2 && strcmp(argv[1], MARKER) == 0)
		return exec_child(argv[0]);

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		char *child_argv[] = { argv[0], MARKER, NULL };

		if (prctl(PR_SET_NAME, LONG, 0, 0, 0) || prctl(PR_GET_NAME, name, 0, 0, 0) ||
		    strcmp(name, LONG)) {
			fprintf(stderr, "FAIL: PR_SET_NAME/PR_GET_NAME: %s\n", strerror(errno));
			_exit(3);
		}
		execve(argv[0], child_argv, NULL);
		fprintf(stderr, "FAIL: execve: %s\n", strerror(errno));
		_exit(4);
	}
	EXPECT_EQ(wait_exit_status(pid), 0);
	return test_done();
}
