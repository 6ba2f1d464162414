/*
 * proc_self_exe - /proc/self/exe and /proc/self/fd/N are symbolic links (lstat: S_IFLNK)
 * whose targets, read with readlinkat(2) (a raw system call), are the running program's
 * absolute path (ending in its name) and the path an fd was opened by ("/dev/null"), and
 * "pipe:[ino]" for a pipe, with the pipe's inode number.
 */
#include "test.h"
#include <sys/stat.h>

static long raw_readlink(const char *path, char *buf, size_t size)
{
	long n = syscall(SYS_readlinkat, AT_FDCWD, path, buf, size);

	if (n >= 0 && (size_t)n < size)
		buf[n] = '\0';
	return n;
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	char buf[256], path[64], expect[64];
	struct stat st;
	int fd, p[2];
	long n;

	(void)argc;
	EXPECT(lstat("/proc/self/exe", &st) == 0 && S_ISLNK(st.st_mode),
	       "lstat /proc/self/exe: %s, mode %o", strerror(errno), st.st_mode);
	n = raw_readlink("/proc/self/exe", buf, sizeof(buf));
	if (n < 0 && errno == ENOSYS && on_faultline())
		FAIL("PENDING: readlinkat is ENOSYS (the lead's readlink system calls)");
	else if (n < 0)
		FAIL("readlinkat /proc/self/exe: %s", strerror(errno));
	else
		EXPECT(buf[0] == '/' && n >= (long)strlen(name) &&
		       strcmp(buf + n - strlen(name), name) == 0,
		       "/proc/self/exe -> '%s', expected an absolute path ending in %s", buf, name);

	fd = open("/dev/null", O_RDONLY);
	ASSERT(fd >= 0, "open /dev/null");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	EXPECT(lstat(path, &st) == 0 && S_ISLNK(st.st_mode), "lstat %s: %s", path, strerror(errno));
	n = raw_readlink(path, buf, sizeof(buf));
	if (n >= 0)
		EXPECT(strcmp(buf, "/dev/null") == 0, "%s -> '%s'", path, buf);
	close(fd);

	ASSERT(pipe(p) == 0, "pipe");
	ASSERT(fstat(p[0], &st) == 0, "fstat");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	snprintf(expect, sizeof(expect), "pipe:[%lu]", (unsigned long)st.st_ino);
	n = raw_readlink(path, buf, sizeof(buf));
	if (n >= 0)
		EXPECT(strcmp(buf, expect) == 0, "%s -> '%s', expected '%s'", path, buf, expect);
	close(p[0]);
	close(p[1]);
	return test_done();
}
