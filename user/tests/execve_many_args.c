/*
 * execve_many_args - execve with 1,024 argument and 1,024 environment strings (about 24 KiB,
 * well inside ARG_MAX) works, and the new image sees every string in order, as on Linux.
 *
 * The kernel builds the pointer arrays of the new stack (argv[], envp[]) from what it copied
 * in; with one kernel stack slot per string, 2,048 strings would not fit in a 16 KiB kernel
 * stack. A forked child execs this program with a marker argument; the image checks what it
 * got and exits with EXIT_OK.
 */
#include "test.h"

#define MARKER		"--many-args-child"
#define NSTR		1024
#define EXIT_OK		42

extern char **environ;

/* exec_child - the exec'ed image: check argc, argv[i] = "arg-i", the NSTR "ENV_i=i" strings. */
static int exec_child(int argc, char *argv[])
{
	char want[32];
	int n;

	if (argc != NSTR) {
		fprintf(stderr, "FAIL: exec'ed image: argc %d, expected %d\n", argc, NSTR);
		return 1;
	}
	for (int i = 2; i < argc; i++) {
		snprintf(want, sizeof(want), "arg-%d", i);
		if (strcmp(argv[i], want)) {
			fprintf(stderr, "FAIL: argv[%d] = \"%s\", expected \"%s\"\n", i, argv[i], want);
			return 2;
		}
	}
	if (argv[argc] != NULL)
		return 3;
	for (n = 0; environ[n]; n++) {
		snprintf(want, sizeof(want), "ENV_%d=%d", n, n);
		if (strcmp(environ[n], want)) {
			fprintf(stderr, "FAIL: environ[%d] = \"%s\", expected \"%s\"\n", n, environ[n], want);
			return 4;
		}
	}
	if (n != NSTR) {
		fprintf(stderr, "FAIL: %d environment strings, expected %d\n", n, NSTR);
		return 5;
	}
	return EXIT_OK;
}

int main(int argc, char *argv[])
{
	static char *child_argv[NSTR + 1], *child_envp[NSTR + 1];
	static char strings[2 * NSTR][24];
	pid_t pid;

	if (argc >= 2 && strcmp(argv[1], MARKER) == 0)
		return exec_child(argc, argv);

	child_argv[0] = argv[0];
	child_argv[1] = MARKER;
	for (int i = 2; i < NSTR; i++) {
		snprintf(strings[i], sizeof(strings[i]), "arg-%d", i);
		child_argv[i] = strings[i];
	}
	for (int i = 0; i < NSTR; i++) {
		snprintf(strings[NSTR + i], sizeof(strings[0]), "ENV_%d=%d", i, i);
		child_envp[i] = strings[NSTR + i];
	}
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		execve(argv[0], child_argv, child_envp);
		fprintf(stderr, "FAIL: execve with %d+%d strings: %s\n", NSTR, NSTR, strerror(errno));
		_exit(100);
	}
	EXPECT_EQ(wait_exit_status(pid), EXIT_OK);
	return test_done();
}
