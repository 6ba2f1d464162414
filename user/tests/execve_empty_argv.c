/*
 * execve_empty_argv - execve with an empty argv (argv = { NULL }) starts the program with
 * argc 1 and argv[0] "" (Linux since 5.18 adds the empty string, so that programs reading
 * argv[1] onwards never walk into envp). The program exec's itself with an empty argv and
 * an environment marking the second run, which reports argc and argv[0] through its exit
 * status. Linux 6.1 behaves so.
 */
#include "test.h"

int main(int argc, char **argv)
{
	char *empty[] = { NULL };
	char *envp[] = { "EMPTY_ARGV_CHILD=1", NULL };
	pid_t pid;

	if (getenv("EMPTY_ARGV_CHILD"))
		return argc == 1 && argv[0] && argv[0][0] == '\0' && argv[1] == NULL ? 0 : 10 + argc;
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		execve(argv[0], empty, envp);
		_exit(99);
	}
	int st = wait_exit_status(pid);

	EXPECT(st == 0, "the child exec'ed with an empty argv reported %d (10 + argc; 99: execve "
	       "failed)", st);
	return test_done();
}
