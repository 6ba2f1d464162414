/*
 * runner - run ring-3 test programs and report them in KTAP.
 *
 * Usage: runner [--check-leaks | --twice] [--mmcheck PATH] [-d DIR] [PROG...]
 *
 * Runs each PROG, then every executable regular file in DIR (in name order), one at a time,
 * each with fork + execve + wait4, and prints KTAP:
 *
 *   KTAP version 1
 *   1..N
 *   # <each line the test wrote to stdout or stderr>
 *   ok 1 seed_faults
 *   not ok 2 brk # exit status 1
 *   not ok 3 efault # killed by signal 11 (Segmentation fault)
 *   ok 4 cow_reuse # SKIP <reason>        (a passing test that printed "SKIP: <reason>")
 *   ...
 *   N passed, M failed
 *
 * and exits 1 if any test failed.
 *
 * With --check-leaks it then runs every test a second time, in the same boot, and reports
 * each again as "<name>:second_pass": a test must clean up after itself (its files in /tmp)
 * and pass twice. It reads MemFree (plus SReclaimable: the empty slabs kept, see
 * mem_free_kb) from /proc/meminfo before and after that second pass and adds one more
 * result, "no_page_leak", which passes only if the two are equal: every page the tests'
 * processes took must be back on the free lists. The first pass is the warm-up:
 * the kernel keeps some memory on purpose once used (an empty slab per cache, the vmalloc
 * area's page tables), exactly as Linux does. Linux's MemFree moves for reasons of its own,
 * so the check is off unless asked for (Faultline's test script asks for it; --twice runs
 * the second pass without it, as tools/run-user-tests-linux does); on Linux
 * without /proc/meminfo it is left out with a note, on Faultline no_page_leak fails.
 *
 * With --mmcheck PATH, last of all it reads PATH (Faultline's /proc/mmcheck: reading it runs
 * the kernel's memory consistency checker, whose first line is "mmcheck: ok ..." or
 * "mmcheck: FAILED N problems", followed by one line per problem) and adds the result
 * "mmcheck", with the file's lines as diagnostics. A missing PATH fails on Faultline and is
 * a SKIP elsewhere.
 *
 * The plan counts every result: the tests, their second pass, no_page_leak and mmcheck.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"		/* on_faultline() */

#define MAX_TESTS	256
#define MAX_PATH	512

extern char **environ;

static char tests[MAX_TESTS][MAX_PATH];
static int ntests;

/* add_test - append @path to the list. Returns 0, or -1 if the list is full. */
static int add_test(const char *path)
{
	if (ntests == MAX_TESTS || strlen(path) >= MAX_PATH) {
		fprintf(stderr, "runner: too many tests or path too long: %s\n", path);
		return -1;
	}
	strcpy(tests[ntests++], path);
	return 0;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* add_dir - add every executable regular file in @dir, sorted by name. Returns 0 on
 * success, -1 if the directory cannot be read. */
static int add_dir(const char *dir)
{
	int first = ntests;
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d) {
		fprintf(stderr, "runner: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		char path[MAX_PATH];
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path))
			continue;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111))
			if (add_test(path) < 0)
				break;
	}
	closedir(d);
	qsort(tests[first], (size_t)(ntests - first), MAX_PATH, cmp_path);
	return 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* mem_free_kb - MemFree plus SReclaimable from /proc/meminfo in kB, or -1 if it cannot be
 * read. SReclaimable is the empty slabs the caches keep for their next kmalloc (one each at
 * most): free memory, and which caches hold one depends on the last calls made, so a second
 * pass may end with one more or fewer than the first (as user/fuzz counts it). */
static long mem_free_kb(void)
{
	static char buf[8192];
	ssize_t n, len = 0;
	char *p, *q;
	int fd = open("/proc/meminfo", O_RDONLY);

	if (fd < 0)
		return -1;
	while (len < (ssize_t)sizeof(buf) - 1 &&
	       (n = read(fd, buf + len, sizeof(buf) - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len < 0 ? 0 : len] = '\0';
	p = strstr(buf, "MemFree:");
	if (!p)
		return -1;
	q = strstr(buf, "SReclaimable:");
	return strtol(p + 8, NULL, 10) + (q ? strtol(q + 13, NULL, 10) : 0);
}

/* emit_line - print one line of a test's output as a KTAP diagnostic ("# ..."). If it
 * starts with "SKIP:" and no reason is recorded yet, keeps the rest as the reason in @skip. */
static void emit_line(char *line, size_t len, char *skip, size_t skip_len)
{
	line[len] = '\0';
	printf("# %s\n", line);
	if (!skip[0] && strncmp(line, "SKIP:", 5) == 0)
		snprintf(skip, skip_len, "%s", line + 5 + (line[5] == ' '));
}

/* pass_through - copy everything read from @fd to stdout as "# " lines, until end of file.
 * Very long lines are split; a last line without a newline is still printed. */
static void pass_through(int fd, char *skip, size_t skip_len)
{
	static char line[512];
	size_t used = 0;
	char buf[1024];
	ssize_t n, i;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n') {
				emit_line(line, used, skip, skip_len);
				used = 0;
				continue;
			}
			if (used == sizeof(line) - 1) {
				emit_line(line, used, skip, skip_len);
				used = 0;
			}
			line[used++] = buf[i];
		}
	}
	if (used)
		emit_line(line, used, skip, skip_len);
}

/*
 * run_test - run @path with its stdout and stderr piped through pass_through(). Returns the
 * wait4 status, or -1 if the test could not be started. A SKIP reason, if the test printed
 * one, is left in @skip.
 */
static int run_test(const char *path, char *skip, size_t skip_len)
{
	char *argv[] = { (char *)path, NULL };
	int out[2], status;
	pid_t pid;

	skip[0] = '\0';
	if (pipe(out) < 0) {
		printf("# runner: pipe: %s\n", strerror(errno));
		return -1;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("# runner: fork: %s\n", strerror(errno));
		close(out[0]);
		close(out[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(out[1], 1);
		dup2(out[1], 2);
		close(out[0]);
		close(out[1]);
		execve(path, argv, environ);
		fprintf(stderr, "runner: execve %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(out[1]);
	pass_through(out[0], skip, skip_len);
	close(out[0]);
	while (wait4(pid, &status, 0, NULL) < 0) {
		if (errno != EINTR) {
			printf("# runner: wait4: %s\n", strerror(errno));
			return -1;
		}
	}
	return status;
}

/* steady_state - touch what the test loop will touch, so that the loop itself takes no new
 * memory between the two MemFree readings: 64 KiB of stack, and one trip through
 * pipe/fork/wait4 and the /proc/meminfo reader. */
static __attribute__((noinline)) void steady_state(void)
{
	volatile char stack[64 * 1024];
	int status, p[2];
	pid_t pid;

	for (size_t i = 0; i < sizeof(stack); i += 512)
		stack[i] = 0;
	if (pipe(p) == 0) {
		close(p[0]);
		close(p[1]);
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		wait4(pid, &status, 0, NULL);
	(void)mem_free_kb();
}

/*
 * report - print the KTAP result line number @n for test @name (with @suffix appended) from
 * its wait4 @status (-1: not started) and @skip reason. Returns 1 if it passed, else 0.
 */
static int report(int n, const char *name, const char *suffix, int status, const char *skip)
{
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		if (skip[0])
			printf("ok %d %s%s # SKIP %s\n", n, name, suffix, skip);
		else
			printf("ok %d %s%s\n", n, name, suffix);
		return 1;
	}
	if (status == -1)
		printf("not ok %d %s%s # not started\n", n, name, suffix);
	else if (WIFSIGNALED(status))
		printf("not ok %d %s%s # killed by signal %d (%s)\n", n, name, suffix,
		       WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		printf("not ok %d %s%s # exit status %d\n", n, name, suffix, WEXITSTATUS(status));
	return 0;
}

/*
 * mmcheck - read @path (the kernel's consistency checker, see the top of the file), print
 * its lines as diagnostics and result number @n "mmcheck". Returns 1 if it passed (or was
 * skipped: @path missing and not on Faultline), else 0.
 */
static int mmcheck(int n, const char *path)
{
	static char buf[16384];
	size_t len = 0;
	ssize_t got;
	char *line, *nl;
	int fd = open(path, O_RDONLY), ok, bad;

	if (fd < 0) {
		int err = errno;

		if (!on_faultline()) {
			printf("ok %d mmcheck # SKIP %s: %s (not Faultline)\n", n, path, strerror(err));
			return 1;
		}
		printf("not ok %d mmcheck # %s: %s\n", n, path, strerror(err));
		return 0;
	}
	while (len < sizeof(buf) - 1 &&
	       (got = read(fd, buf + len, sizeof(buf) - 1 - len)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			printf("# runner: read %s: %s\n", path, strerror(errno));
			break;
		}
		len += (size_t)got;
	}
	close(fd);
	buf[len] = '\0';
	ok = strncmp(buf, "mmcheck: ok", 11) == 0 && strchr(" \n", buf[11]);
	bad = strncmp(buf, "mmcheck: FAILED", 15) == 0;
	for (line = buf; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		printf("# %s\n", line);
		if (!nl)
			break;
	}
	if (ok)
		printf("ok %d mmcheck\n", n);
	else if (bad)
		printf("not ok %d mmcheck # the kernel's consistency checker found problems\n", n);
	else
		printf("not ok %d mmcheck # %s does not start with \"mmcheck: ok\" or "
		       "\"mmcheck: FAILED\"\n", n, path);
	return ok;
}

/* run_pass - run every test once, reporting each as "<name><suffix>" numbered from *@n + 1;
 * advances *@n and counts the results in *@passed and *@failed. */
static void run_pass(int *n, const char *suffix, int *passed, int *failed)
{
	char skip[256];

	for (int i = 0; i < ntests; i++) {
		int status = run_test(tests[i], skip, sizeof(skip));

		if (report(++*n, base_name(tests[i]), suffix, status, skip))
			++*passed;
		else
			++*failed;
	}
}

int main(int argc, char *argv[])
{
	int check_leaks = 0, twice = 0, passed = 0, failed = 0, planned, n = 0, i;
	long free_before = -1, free_after;
	const char *mmcheck_path = NULL;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--check-leaks") == 0) {
			check_leaks = 1;
		} else if (strcmp(argv[i], "--twice") == 0) {
			twice = 1;
		} else if (strcmp(argv[i], "--mmcheck") == 0 && i + 1 < argc) {
			mmcheck_path = argv[++i];
		} else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) {
			if (add_dir(argv[++i]) < 0)
				return 1;
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "usage: %s [--check-leaks | --twice] [--mmcheck PATH] [-d DIR] [PROG...]\n",
				argv[0]);
			return 2;
		} else if (add_test(argv[i]) < 0) {
			return 1;
		}
	}
	if (ntests == 0) {
		fprintf(stderr, "runner: no tests to run\n");
		return 1;
	}

	if (check_leaks && mem_free_kb() < 0 && !on_faultline()) {
		fprintf(stderr, "runner: no MemFree in /proc/meminfo, leak check skipped\n");
		check_leaks = 0;
	}
	if (check_leaks)
		twice = 0;
	planned = ntests + (check_leaks ? ntests + 1 : 0) + (twice ? ntests : 0) + (mmcheck_path ? 1 : 0);

	printf("KTAP version 1\n1..%d\n", planned);
	run_pass(&n, "", &passed, &failed);

	if (check_leaks) {
		/* The first pass warmed the kernel's caches (slab caches keep one empty slab, the
		 * vmalloc area keeps its page tables). A second pass of every test must pass again
		 * and then end with exactly as much memory free as it started with. */
		steady_state();
		free_before = mem_free_kb();
		run_pass(&n, ":second_pass", &passed, &failed);
		free_after = mem_free_kb();
		printf("# MemFree+SReclaimable before %ld kB, after %ld kB\n", free_before, free_after);
		if (free_before >= 0 && free_after == free_before) {
			passed++;
			printf("ok %d no_page_leak\n", ++n);
		} else {
			failed++;
			if (free_before < 0)
				printf("not ok %d no_page_leak # no MemFree in /proc/meminfo\n", ++n);
			else
				printf("not ok %d no_page_leak # %ld kB fewer free\n", ++n,
				       free_before - free_after);
		}
	}

	if (twice)
		run_pass(&n, ":second_pass", &passed, &failed);

	if (mmcheck_path) {
		if (mmcheck(++n, mmcheck_path))
			passed++;
		else
			failed++;
	}

	printf("%d passed, %d failed\n", passed, failed);
	fflush(stdout);
	return failed ? 1 : 0;
}
