/*
 * user/tests/test.h - helpers shared by Faultline's ring-3 test programs.
 *
 * Each test is an ordinary static musl program that runs unchanged on Linux and on Faultline.
 * It checks one behaviour, reports every failed check on stderr (the runner passes stderr
 * through as KTAP diagnostics, "# ..."), and ends with "return test_done();": exit status 0
 * if every check passed, 1 otherwise.
 *
 *   EXPECT(cond, fmt, ...)      check a condition; on failure print it and go on
 *   EXPECT_EQ(a, b)             check two integers are equal, printing both on failure
 *   EXPECT_ERRNO(call, err)     check that call returns -1 with errno == err
 *   FAIL(fmt, ...)              report and count a failure found some other way
 *   ASSERT(cond, fmt, ...)      like EXPECT, but exit(1) at once: later checks are meaningless
 *   expect_signal(fn, arg, sig) run fn(arg) in a forked child; check it dies by signal sig
 *   minflt()                    this process's minor page-fault count (getrusage ru_minflt)
 *   pagemap_entry(addr)         the 64-bit /proc/self/pagemap entry of addr's page
 *   on_faultline()              are we running on Faultline (not Linux)?
 *
 * A check that can only be made on Faultline (say, one that needs PFNs from
 * /proc/self/pagemap, which Linux hides from unprivileged users) may print "SKIP: <reason>"
 * and pass on Linux, but must fail on Faultline when what it needs is missing: use
 * on_faultline() to tell the two apart, never a silent skip.
 *
 * Everything here is static inline so that a test that uses only a few helpers still builds
 * cleanly with -Wall -Wextra -Werror.
 */
#ifndef FAULTLINE_USER_TEST_H
#define FAULTLINE_USER_TEST_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PAGE_SIZE
#define PAGE_SIZE	4096UL
#endif

/* Number of failed checks so far; test_done() turns it into the exit status. */
static int test_failures __attribute__((unused));

#define EXPECT(cond, ...)							\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);				\
			fputc('\n', stderr);					\
			test_failures++;					\
		}								\
	} while (0)

/* FAIL - report a failed check that is not a simple condition, and count it. */
#define FAIL(...)								\
	do {									\
		fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);		\
		fprintf(stderr, __VA_ARGS__);					\
		fputc('\n', stderr);						\
		test_failures++;						\
	} while (0)

#define ASSERT(cond, ...)							\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "%s:%d: FATAL: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);				\
			fputc('\n', stderr);					\
			exit(1);						\
		}								\
	} while (0)

#define EXPECT_EQ(a, b)								\
	do {									\
		long long _a = (long long)(a), _b = (long long)(b);		\
		EXPECT(_a == _b, "%s = %lld, expected %s = %lld", #a, _a, #b, _b); \
	} while (0)

/* EXPECT_ERRNO - evaluate @call (a syscall or libc call returning an integer) and check that
 * it failed with -1 and errno @err. */
#define EXPECT_ERRNO(call, err)							\
	do {									\
		long _r;							\
		int _e;								\
		errno = 0;							\
		_r = (long)(call);						\
		_e = errno;							\
		EXPECT(_r == -1 && _e == (err), "returned %ld, errno %d (%s), expected -1 errno %d (%s)", \
		       _r, _e, strerror(_e), (err), strerror(err));		\
	} while (0)

/*
 * on_faultline - 1 if this is Faultline: uname's sysname is "Faultline", or its version
 * string names Faultline (for when the sysname says "Linux", for programs that check it).
 * 0 on Linux or if uname fails.
 */
static inline int on_faultline(void)
{
	struct utsname u;

	if (uname(&u) != 0)
		return 0;
	return strcmp(u.sysname, "Faultline") == 0 || strstr(u.version, "Faultline") != NULL;
}

/*
 * read_counter - the number after @name at the start of a line of @path ("name value" as in
 * /proc/vmstat, or "Name:   value kB" as in /proc/meminfo and /proc/PID/status, @name then
 * ending with ':'), or -1 if the file or the line is missing. vmstat / meminfo_kb: the two
 * files most tests read.
 */
static inline long read_counter(const char *path, const char *name)
{
	static char buf[16384];
	int fd = open(path, O_RDONLY);
	size_t nlen = strlen(name);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (strncmp(line, name, nlen) == 0 && (line[nlen] == ' ' || line[nlen - 1] == ':'))
			return strtol(line + nlen, NULL, 10);
	return -1;
}

static inline long vmstat(const char *name)
{
	return read_counter("/proc/vmstat", name);
}

static inline long meminfo_kb(const char *name)
{
	return read_counter("/proc/meminfo", name);
}

/* test_done - print a one-line verdict on stderr and return the exit status for main(). */
static inline int test_done(void)
{
	if (test_failures)
		fprintf(stderr, "%d check(s) failed\n", test_failures);
	return test_failures ? 1 : 0;
}

/* minflt - this process's minor page-fault count so far. Exits on failure. */
static inline long minflt(void)
{
	struct rusage ru;

	ASSERT(getrusage(RUSAGE_SELF, &ru) == 0, "getrusage: %s", strerror(errno));
	return ru.ru_minflt;
}

/*
 * expect_signal_named - fork; the child runs @fn(@arg) and, if fn returns, exits 0. Waits for
 * the child with wait4() and checks that it was killed by signal @sig. @what names the case
 * in diagnostics. Returns 1 if so, 0 (and counts a failure) otherwise.
 */
static inline int expect_signal_named(void (*fn)(void *), void *arg, int sig, const char *what)
{
	int status;
	pid_t pid, w;

	fflush(NULL);		/* nothing buffered may be written twice */
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		/* No core files for the expected crash; failure to set this does not matter. */
		struct rlimit no_core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &no_core);
		fn(arg);
		_exit(0);
	}
	w = wait4(pid, &status, 0, NULL);
	ASSERT(w == pid, "wait4: %s", strerror(errno));
	if (WIFSIGNALED(status) && WTERMSIG(status) == sig)
		return 1;
	if (WIFSIGNALED(status))
		fprintf(stderr, "FAIL: %s: killed by signal %d (%s), expected %d (%s)\n", what,
			WTERMSIG(status), strsignal(WTERMSIG(status)), sig, strsignal(sig));
	else
		fprintf(stderr, "FAIL: %s: exited with status %d, expected signal %d (%s)\n", what,
			WEXITSTATUS(status), sig, strsignal(sig));
	test_failures++;
	return 0;
}

#define expect_signal(fn, arg, sig)	expect_signal_named((fn), (arg), (sig), #fn "(" #arg ")")

/* wait_exit_status - wait4() for @pid; return its exit status, or 128 + signal number if it
 * was killed. Exits on wait4 failure. */
static inline int wait_exit_status(pid_t pid)
{
	int status;

	ASSERT(wait4(pid, &status, 0, NULL) == pid, "wait4: %s", strerror(errno));
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/*
 * pagemap_entry - the /proc/self/pagemap entry for the page holding @addr: bits 0-54 are the
 * page frame number (PFN), bit 63 says the page is present. Returns 0 if the file cannot be
 * read (which callers treat as "not present").
 */
#define PM_PRESENT	(1ULL << 63)
#define PM_PFN_MASK	((1ULL << 55) - 1)

static inline uint64_t pagemap_entry(const void *addr)
{
	uint64_t entry = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0)
		return 0;
	if (pread(fd, &entry, sizeof(entry), (off_t)((uintptr_t)addr / PAGE_SIZE * sizeof(entry)))
	    != (ssize_t)sizeof(entry))
		entry = 0;
	close(fd);
	return entry;
}

/* pfn_of - the PFN mapped at @addr, or 0 if not present or not visible. */
static inline uint64_t pfn_of(const void *addr)
{
	uint64_t e = pagemap_entry(addr);

	return (e & PM_PRESENT) ? (e & PM_PFN_MASK) : 0;
}

/* map_anon - mmap @npages private anonymous read/write pages. Exits on failure. */
static inline unsigned char *map_anon(size_t npages)
{
	void *p = mmap(NULL, npages * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT(p != MAP_FAILED, "mmap %zu pages: %s", npages, strerror(errno));
	return p;
}

/* Touch memory through these so the compiler cannot merge, drop or reorder the accesses. */
static inline unsigned char peek(const void *p)
{
	return *(const volatile unsigned char *)p;
}

static inline void poke(void *p, unsigned char v)
{
	*(volatile unsigned char *)p = v;
}

/*
 * maps_lines_in - count the lines of /proc/self/maps whose range intersects [@start, @end).
 * If @out is not NULL, copies up to @max of those lines into it (each truncated to 127
 * characters). Returns the count, or -1 if /proc/self/maps cannot be read. Uses only
 * open/read, no stdio buffering of the file.
 */
struct maps_line {
	unsigned long start, end;
	char perms[5];
	char text[128];
};

static inline int maps_lines_in(unsigned long start, unsigned long end, struct maps_line *out,
				int max)
{
	static char buf[1 << 16];
	size_t len = 0;
	ssize_t n;
	char *line, *nl;
	int fd, count = 0;

	fd = open("/proc/self/maps", O_RDONLY);
	if (fd < 0)
		return -1;
	while (len < sizeof(buf) - 1 && (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';

	for (line = buf; *line; line = nl + 1) {
		struct maps_line ml;

		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		memset(&ml, 0, sizeof(ml));
		if (sscanf(line, "%lx-%lx %4s", &ml.start, &ml.end, ml.perms) != 3)
			continue;
		if (ml.end <= start || ml.start >= end)
			continue;
		if (out && count < max) {
			size_t l = (size_t)(nl - line);
			if (l > sizeof(ml.text) - 1)
				l = sizeof(ml.text) - 1;
			memcpy(ml.text, line, l);
			out[count] = ml;
		}
		count++;
	}
	return count;
}

#endif /* FAULTLINE_USER_TEST_H */
