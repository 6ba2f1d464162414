/*
 * sh - a tiny shell for trying Faultline's programs: /bin/sh in build/initramfs.cpio.
 *
 *   faultline$ pgfaults               runs /bin/pgfaults (a name without '/' is looked up in /bin)
 *   faultline$ /tests/brk             runs that file
 *   faultline$ runner -d /tests       arguments are split on spaces and tabs; no quoting,
 *                                     no pipes, no redirection, no variables
 *   faultline$ help                   the builtins, and the programs in /bin
 *   faultline$ exit [N]               leave with status N (default 0); so does end of input
 *
 * A line starting with '#' is a comment. After each command the shell prints "[exit N]" if it
 * exited with a status N other than 0, or "[killed by signal N]" if a signal ended it.
 * argv[0] of a command is the path it was run from (/bin/pgfaults), so a program can exec
 * itself through argv[0], as under tools/run-elf.
 *
 * Input is read one byte at a time with read(): nothing past the end of the line is taken
 * from fd 0, so a command run from the shell reads the lines that follow it (as with any
 * shell reading a pipe). A line may end with LF, CR (what a serial terminal sends for Enter)
 * or CR LF. Echo and line editing are the console's job, as with a Linux tty; backspace
 * (DEL or BS) still deletes the previous byte if it arrives here.
 *
 * Seed concept: each command runs in its own process with its own address space: fork()
 * makes a copy-on-write copy of the shell, execve() replaces it with the program, and wait4()
 * reads back how it ended. A command that crashes kills only itself.
 *
 * A static musl program: it runs unchanged on Linux (printf 'help\nexit\n' | build/user/sh).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROMPT		"faultline$ "
#define LINE_MAX_LEN	512		/* bytes in a command line, with its terminating NUL */
#define MAX_ARGS	32		/* words in a command line, with argv's NULL */
#define BIN_DIR		"/bin"
#define MAX_BIN_NAMES	256

extern char **environ;

/*
 * read_line - read one line from fd 0 into @buf (at most @size - 1 bytes, NUL-terminated,
 * without its line end). Returns the line's length; -1 at end of input (or a read error)
 * with nothing read; -2 if the line was too long (the rest of it is read and dropped).
 */
static int read_line(char *buf, size_t size)
{
	static int after_cr;		/* the last line ended with CR: an LF next ends nothing */
	size_t len = 0;
	int too_long = 0;
	ssize_t n;
	char c;

	for (;;) {
		n = read(0, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (len == 0 && !too_long)
				return -1;
			break;
		}
		if (c == '\n' && after_cr) {
			after_cr = 0;
			continue;
		}
		after_cr = c == '\r';
		if (c == '\n' || c == '\r')
			break;
		if (c == 0x7f || c == '\b') {
			if (len > 0)
				len--;
			continue;
		}
		if (len + 1 < size)
			buf[len++] = c;
		else
			too_long = 1;
	}
	buf[len] = '\0';
	return too_long ? -2 : (int)len;
}

/* split - cut @line in place at spaces and tabs into @argv (NULL-terminated, at most @max
 * entries with the NULL). Returns the number of words, or -1 if there are too many. */
static int split(char *line, char *argv[], int max)
{
	int argc = 0;
	char *word;

	for (word = strtok(line, " \t"); word; word = strtok(NULL, " \t")) {
		if (argc == max - 1)
			return -1;
		argv[argc++] = word;
	}
	argv[argc] = NULL;
	return argc;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* builtin_help - list the builtins and the programs in /bin (getdents64, through readdir). */
static void builtin_help(void)
{
	static char names[MAX_BIN_NAMES][256];
	static char *sorted[MAX_BIN_NAMES];
	struct dirent *de;
	int n = 0, more = 0, i;
	DIR *dir;

	printf("Builtins: help, exit [N]. Commands run from " BIN_DIR " unless they hold a '/'.\n");
	dir = opendir(BIN_DIR);
	if (!dir) {
		printf("sh: " BIN_DIR ": %s\n", strerror(errno));
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == MAX_BIN_NAMES) {
			more = 1;
			break;
		}
		snprintf(names[n], sizeof(names[n]), "%s", de->d_name);
		sorted[n] = names[n];
		n++;
	}
	closedir(dir);
	qsort(sorted, (size_t)n, sizeof(sorted[0]), cmp_name);
	printf("Programs in " BIN_DIR ":");
	for (i = 0; i < n; i++)
		printf(" %s", sorted[i]);
	printf("%s\n", more ? " ..." : "");
}

/*
 * run - run the command @argv (argv[0] is the name as typed) in a child process and wait for
 * it; prints "[exit N]" or "[killed by signal N]" unless it exited with status 0. Returns its
 * wait status, or -1 if it could not be started or waited for (reported on stderr).
 */
static int run(char *argv[])
{
	char path[LINE_MAX_LEN + sizeof(BIN_DIR)];
	int status;
	pid_t pid;

	if (strchr(argv[0], '/'))
		snprintf(path, sizeof(path), "%s", argv[0]);
	else
		snprintf(path, sizeof(path), BIN_DIR "/%s", argv[0]);

	fflush(stdout);		/* or the child would print our buffered output again */
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		const char *name = argv[0];

		argv[0] = path;
		execve(path, argv, environ);
		if (errno == ENOENT && !strchr(name, '/'))
			fprintf(stderr, "sh: %s: command not found\n", name);
		else
			fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (wait4(pid, &status, 0, NULL) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "sh: wait4: %s\n", strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		printf("[exit %d]\n", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("[killed by signal %d]\n", WTERMSIG(status));
	return status;
}

int main(void)
{
	char line[LINE_MAX_LEN], *argv[MAX_ARGS];
	int len, argc;

	for (;;) {
		printf(PROMPT);
		fflush(stdout);
		len = read_line(line, sizeof(line));
		if (len == -1) {
			printf("\n");		/* end of input: leave the cursor on a fresh line */
			return 0;
		}
		if (len == -2) {
			printf("sh: line too long (at most %d bytes)\n", LINE_MAX_LEN - 1);
			continue;
		}
		argc = split(line, argv, MAX_ARGS);
		if (argc < 0) {
			printf("sh: too many words (at most %d)\n", MAX_ARGS - 1);
			continue;
		}
		if (argc == 0 || argv[0][0] == '#')
			continue;

		if (strcmp(argv[0], "exit") == 0) {
			char *end;
			long n = argc > 1 ? strtol(argv[1], &end, 10) : 0;

			if (argc > 1 && (*end || n < 0 || n > 255)) {
				printf("sh: exit: %s: expected a number from 0 to 255\n", argv[1]);
				continue;
			}
			return (int)n;
		}
		if (strcmp(argv[0], "help") == 0) {
			builtin_help();
			continue;
		}
		run(argv);
	}
}
