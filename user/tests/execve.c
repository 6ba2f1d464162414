/*
 * execve - a forked child execs this same program (argv[0]) with a marker argument and an
 * environment of its own; the new image checks argc, argv and envp and exits with a chosen
 * status, which the parent reads back with wait4() (WIFEXITED, WEXITSTATUS).
 *
 * Seed concept: each process has its own virtual address space. execve() throws the old one
 * away and builds a new one from the program's segments plus a fresh stack holding argc,
 * argv[], envp[] and the auxiliary vector, laid out as the x86-64 ABI says.
 */
#include "test.h"

#define MARKER		"--exec-child"
#define ARG2		"second argument, with spaces"
#define ENV1		"FAULTLINE_EXEC_TEST=42"
#define ENV2		"EMPTY="
#define EXIT_OK		42	/* the exec'ed image exits with this when all checks hold */

extern char **environ;

/* exec_child - runs in the exec'ed image. Returns EXIT_OK, or 1..n for the first check that
 * failed (also explained on stderr). */
static int exec_child(int argc, char *argv[])
{
	int n;

	if (argc != 3) {
		fprintf(stderr, "FAIL: exec'ed image: argc %d, expected 3\n", argc);
		return 1;
	}
	if (strcmp(argv[1], MARKER) != 0 || strcmp(argv[2], ARG2) != 0 || argv[3] != NULL) {
		fprintf(stderr, "FAIL: exec'ed image: argv wrong: [1]=\"%s\" [2]=\"%s\" [3]=%p\n",
			argv[1], argv[2], (void *)argv[3]);
		return 2;
	}
	/* musl takes envp to start right after argv's NULL on the initial stack, as the x86-64
	 * ABI lays it out; finding exactly our two strings there checks that layout. */
	for (n = 0; environ[n]; n++)
		;
	if (n != 2 || strcmp(environ[0], ENV1) != 0 || strcmp(environ[1], ENV2) != 0) {
		fprintf(stderr, "FAIL: exec'ed image: %d environment strings, first \"%s\"\n", n,
			n ? environ[0] : "");
		return 3;
	}
	if (!getenv("FAULTLINE_EXEC_TEST") || strcmp(getenv("FAULTLINE_EXEC_TEST"), "42") != 0) {
		fprintf(stderr, "FAIL: exec'ed image: getenv(FAULTLINE_EXEC_TEST) wrong\n");
		return 4;
	}
	return EXIT_OK;
}

int main(int argc, char *argv[])
{
	char *child_argv[] = { argv[0], MARKER, ARG2, NULL };
	char *child_envp[] = { ENV1, ENV2, NULL };
	int status;
	pid_t pid, w;

	if (argc >= 2 && strcmp(argv[1], MARKER) == 0)
		return exec_child(argc, argv);

	/* Exec'ing a file that does not exist fails and leaves us running. */
	{
		char *none_argv[] = { "/nonexistent/faultline-test", NULL };
		EXPECT_ERRNO(execve(none_argv[0], none_argv, child_envp), ENOENT);
	}

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		execve(argv[0], child_argv, child_envp);
		fprintf(stderr, "FAIL: execve(%s): %s\n", argv[0], strerror(errno));
		_exit(127);
	}

	w = wait4(pid, &status, 0, NULL);
	ASSERT(w == pid, "wait4: %s", strerror(errno));
	EXPECT(WIFEXITED(status), "child did not exit normally (status %#x)", status);
	if (WIFEXITED(status))
		EXPECT(WEXITSTATUS(status) == EXIT_OK, "exec'ed image exited %d, expected %d",
		       WEXITSTATUS(status), EXIT_OK);

	return test_done();
}
