/*
 * fs_syscalls - the file system calls behave as on Linux: open/openat (O_CREAT, O_EXCL,
 * O_TRUNC, O_APPEND, dirfd), read/write and their vector and positioned forms, lseek, holes,
 * stat/fstat/newfstatat, getdents64, dup/dup2/dup3, fcntl, pipes (EOF, EPIPE, O_NONBLOCK),
 * access, getcwd, ioctl, /dev/null and /dev/zero, /proc, and a file that is written with
 * write() and seen through a shared mapping (the same page-cache pages), then truncated
 * under it (SIGBUS). Runs unchanged on Linux (where it needs a writable /tmp).
 *
 * Seed concept: file-backed memory - read(), write() and mmap() of a file all go through its
 * page cache.
 */
#include "test.h"
#include <dirent.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>

#define F1	"/tmp/fs_syscalls.1"

static void touch_beyond(void *p)
{
	peek(p);
}

int main(int argc, char *argv[])
{
	char buf[8192], big[PATH_MAX + 16], name[300];
	struct stat st, st2;
	struct iovec iov[3];
	int fd, fd2, p[2], dfd;
	unsigned char *map;
	ssize_t n;

	(void)argc; (void)argv;
	umask(022);
	signal(SIGPIPE, SIG_IGN);
	unlink(F1);		/* leftovers of an earlier, failed run */

	/* Lookup errors. */
	EXPECT_ERRNO(open("/no/such/file", O_RDONLY), ENOENT);
	EXPECT_ERRNO(open("/dev/null/x", O_RDONLY), ENOTDIR);
	EXPECT_ERRNO(open("/dev/null/", O_RDONLY), ENOTDIR);
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	name[0] = '/';
	EXPECT_ERRNO(open(name, O_RDONLY), ENAMETOOLONG);
	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	EXPECT_ERRNO(open(big, O_RDONLY), ENAMETOOLONG);
	EXPECT_ERRNO(open("", O_RDONLY), ENOENT);
	fd = open("//dev/./../dev//null", O_RDONLY);
	EXPECT(fd >= 0, "open with . and .. and //: %s", strerror(errno));
	close(fd);

	/* O_CREAT, write, read back, stat. */
	fd = open(F1, O_RDWR | O_CREAT | O_EXCL, 0666);
	ASSERT(fd >= 0, "create %s: %s", F1, strerror(errno));
	EXPECT_EQ(write(fd, "hello, world", 12), 12);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 12);
	EXPECT_EQ(lseek(fd, 7, SEEK_SET), 7);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 5);
	EXPECT(memcmp(buf, "world", 5) == 0, "read back the wrong bytes");
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);
	ASSERT(fstat(fd, &st) == 0, "fstat: %s", strerror(errno));
	EXPECT(S_ISREG(st.st_mode), "mode %o", st.st_mode);
	EXPECT_EQ(st.st_mode & 07777, 0644);
	EXPECT_EQ(st.st_size, 12);
	EXPECT_ERRNO(open(F1, O_RDWR | O_CREAT | O_EXCL, 0666), EEXIST);
	EXPECT_ERRNO(lseek(fd, -1, SEEK_SET), EINVAL);
	EXPECT_ERRNO(lseek(fd, 0, 42), EINVAL);
	EXPECT_EQ(lseek(fd, -2, SEEK_END), 10);

	/* pread/pwrite leave the offset alone; a write past the end leaves a hole of zeros. */
	EXPECT_EQ(pwrite(fd, "XY", 2, 3 * PAGE_SIZE + 5), 2);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 10);
	ASSERT(fstat(fd, &st) == 0, "fstat: %s", strerror(errno));
	EXPECT_EQ(st.st_size, 3 * PAGE_SIZE + 7);
	EXPECT(st.st_blocks < (blkcnt_t)(3 * PAGE_SIZE / 512), "a hole takes %ld blocks",
	       (long)st.st_blocks);
	memset(buf, 1, sizeof(buf));
	EXPECT_EQ(pread(fd, buf, PAGE_SIZE, PAGE_SIZE), PAGE_SIZE);
	for (n = 0; n < (ssize_t)PAGE_SIZE && buf[n] == 0; n++)
		;
	EXPECT(n == (ssize_t)PAGE_SIZE, "hole byte %zd is %d", n, buf[n]);
	EXPECT_EQ(pread(fd, buf, 100, 3 * PAGE_SIZE + 4), 3);
	EXPECT(memcmp(buf, "\0XY", 3) == 0, "pread after the hole");
	EXPECT_ERRNO(pread(fd, buf, 1, -1), EINVAL);

	/* readv/writev. */
	iov[0] = (struct iovec){ "ab", 2 };
	iov[1] = (struct iovec){ "", 0 };
	iov[2] = (struct iovec){ "cde", 3 };
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(writev(fd, iov, 3), 5);
	{
		char a[2], b[10];
		struct iovec r[2] = { { a, 2 }, { b, 10 } };

		EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
		EXPECT_EQ(readv(fd, r, 2), 12);
		EXPECT(memcmp(a, "ab", 2) == 0 && memcmp(b, "cde, worl", 9) == 0, "readv data");
	}
	EXPECT_ERRNO(syscall(SYS_writev, fd, iov, 1025), EINVAL);
	EXPECT_EQ(writev(fd, iov, 0), 0);

	/* O_APPEND writes at the end; O_TRUNC empties. */
	fd2 = open(F1, O_WRONLY | O_APPEND);
	ASSERT(fd2 >= 0, "open O_APPEND: %s", strerror(errno));
	EXPECT_EQ(write(fd2, "!", 1), 1);
	ASSERT(fstat(fd, &st) == 0, "fstat: %s", strerror(errno));
	EXPECT_EQ(st.st_size, 3 * PAGE_SIZE + 8);
	EXPECT_ERRNO(read(fd2, buf, 1), EBADF);
	close(fd2);
	fd2 = open(F1, O_RDONLY | O_TRUNC);	/* Linux truncates even so */
	EXPECT_ERRNO(write(fd2, "x", 1), EBADF);
	close(fd2);
	fd2 = open(F1, O_WRONLY | O_TRUNC);
	ASSERT(fd2 >= 0, "open O_TRUNC: %s", strerror(errno));
	ASSERT(fstat(fd2, &st) == 0, "fstat: %s", strerror(errno));
	EXPECT_EQ(st.st_size, 0);
	close(fd2);
	close(fd);

	/* Directories: open for write, read, getdents on a file, opendir. */
	EXPECT_ERRNO(open("/tmp", O_WRONLY), EISDIR);
	EXPECT_ERRNO(open(F1, O_RDONLY | O_DIRECTORY), ENOTDIR);
	EXPECT_ERRNO(open("/tmp/", O_RDWR | O_CREAT, 0644), EISDIR);
	dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	ASSERT(dfd >= 0, "open /tmp: %s", strerror(errno));
	EXPECT_ERRNO(read(dfd, buf, 10), EISDIR);
	fd = open(F1, O_RDONLY);
	EXPECT_ERRNO(syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
	EXPECT_ERRNO(syscall(SYS_getdents64, dfd, buf, 10), EINVAL);	/* too small for one */
	EXPECT_ERRNO(openat(fd, "x", O_RDONLY), ENOTDIR);
	EXPECT_ERRNO(openat(999, "x", O_RDONLY), EBADF);
	close(fd);
	fd = openat(dfd, "fs_syscalls.2", O_RDWR | O_CREAT, 0600);
	EXPECT(fd >= 0, "openat(dirfd, O_CREAT): %s", strerror(errno));
	EXPECT_EQ(fstatat(dfd, "fs_syscalls.2", &st, 0), 0);
	EXPECT_EQ(st.st_mode & 07777, 0600);
	EXPECT_EQ(fstatat(fd, "", &st2, AT_EMPTY_PATH), 0);
	EXPECT_EQ(st.st_ino, st2.st_ino);
	EXPECT_ERRNO(fstatat(fd, "", &st2, 0), ENOENT);
	EXPECT_ERRNO(fstatat(dfd, "x", &st2, 0x40000), EINVAL);
	close(fd);
	close(dfd);
	{
		DIR *d = opendir("/tmp");		/* reopened: sees both files (POSIX) */
		struct dirent *de;
		int seen1 = 0, seen2 = 0, dot = 0, dotdot = 0;

		ASSERT(d != NULL, "opendir /tmp: %s", strerror(errno));
		while ((de = readdir(d)) != NULL) {
			seen1 += strcmp(de->d_name, "fs_syscalls.1") == 0 && de->d_type == DT_REG;
			seen2 += strcmp(de->d_name, "fs_syscalls.2") == 0;
			dot += strcmp(de->d_name, ".") == 0 && de->d_type == DT_DIR;
			dotdot += strcmp(de->d_name, "..") == 0;
		}
		EXPECT(seen1 == 1 && seen2 == 1 && dot == 1 && dotdot == 1,
		       "readdir /tmp: %d %d %d %d", seen1, seen2, dot, dotdot);
		closedir(d);
	}

	/* stat of devices and directories. */
	ASSERT(stat("/dev/null", &st) == 0, "stat /dev/null: %s", strerror(errno));
	EXPECT(S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3,
	       "/dev/null: mode %o rdev %lx", st.st_mode, (unsigned long)st.st_rdev);
	ASSERT(lstat("/", &st) == 0, "lstat /: %s", strerror(errno));
	EXPECT(S_ISDIR(st.st_mode), "/ mode %o", st.st_mode);
	EXPECT_ERRNO(stat("/no/such", &st), ENOENT);

	/* /dev/null and /dev/zero. */
	fd = open("/dev/zero", O_RDWR);
	ASSERT(fd >= 0, "open /dev/zero: %s", strerror(errno));
	memset(buf, 7, 100);
	EXPECT_EQ(read(fd, buf, 100), 100);
	EXPECT(buf[0] == 0 && buf[99] == 0, "/dev/zero read non-zero");
	EXPECT_EQ(write(fd, buf, 100), 100);
	close(fd);
	fd = open("/dev/null", O_RDWR);
	EXPECT_EQ(read(fd, buf, 100), 0);
	EXPECT_EQ(write(fd, buf, 100), 100);
	EXPECT_EQ(lseek(fd, 100, SEEK_SET), 0);

	/* dup, dup2, dup3, fcntl. */
	fd2 = dup(fd);
	EXPECT(fd2 > fd, "dup gave %d", fd2);
	EXPECT_EQ(dup2(fd, fd2), fd2);
	EXPECT_EQ(dup2(fd, 50), 50);
	EXPECT_ERRNO(syscall(SYS_dup3, fd, fd, 0), EINVAL);
	EXPECT_ERRNO(syscall(SYS_dup3, fd, 51, 4), EINVAL);
	EXPECT_EQ(dup3(fd, 51, O_CLOEXEC), 51);
	EXPECT_EQ(fcntl(51, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(50, F_GETFD), 0);
	EXPECT_EQ(fcntl(50, F_SETFD, FD_CLOEXEC), 0);
	EXPECT_EQ(fcntl(50, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(fd, F_DUPFD, 40), 40);
	EXPECT_EQ(fcntl(fd, F_DUPFD_CLOEXEC, 40), 41);
	EXPECT_EQ(fcntl(41, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK), O_RDWR);
	EXPECT_EQ(fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND), 0);
	EXPECT_EQ(fcntl(fd2, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK),
		  O_RDWR | O_NONBLOCK | O_APPEND);	/* one open file, many descriptors */
	EXPECT_ERRNO(fcntl(99, F_GETFD), EBADF);
	EXPECT_ERRNO(close(99), EBADF);
	EXPECT_ERRNO(read(99, buf, 1), EBADF);
	EXPECT_ERRNO(dup2(99, 3), EBADF);
	close(40); close(41); close(50); close(51); close(fd2); close(fd);

	/* Pipes. */
	ASSERT(pipe(p) == 0, "pipe: %s", strerror(errno));
	EXPECT_ERRNO(lseek(p[0], 0, SEEK_SET), ESPIPE);
	EXPECT_ERRNO(pread(p[0], buf, 1, 0), ESPIPE);
	EXPECT_ERRNO(ioctl(p[0], TIOCGWINSZ, buf), ENOTTY);
	ASSERT(fstat(p[0], &st) == 0, "fstat pipe: %s", strerror(errno));
	EXPECT(S_ISFIFO(st.st_mode), "pipe mode %o", st.st_mode);
	EXPECT_EQ(write(p[1], "ping", 4), 4);
	EXPECT_EQ(read(p[0], buf, 100), 4);
	EXPECT_ERRNO(write(p[0], "x", 1), EBADF);
	fflush(NULL);
	if (fork() == 0) {
		/* The child writes 3 pages (more than the buffer holds) and exits. */
		static char three[3 * PAGE_SIZE];

		memset(three, 'c', sizeof(three));
		_exit(write(p[1], three, sizeof(three)) == sizeof(three) ? 0 : 1);
	}
	close(p[1]);
	{
		size_t total = 0;

		while ((n = read(p[0], buf, sizeof(buf))) > 0) {
			EXPECT(buf[0] == 'c' && buf[n - 1] == 'c', "pipe data");
			total += (size_t)n;
		}
		EXPECT_EQ(n, 0);		/* end of file: no writers left */
		EXPECT_EQ(total, 3 * PAGE_SIZE);
	}
	{
		int status = -1;

		EXPECT(wait4(-1, &status, 0, NULL) > 0 && status == 0, "writer child: status %#x",
		       status);
	}
	close(p[0]);
	ASSERT(pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0, "pipe2: %s", strerror(errno));
	EXPECT_ERRNO(read(p[0], buf, 1), EAGAIN);
	EXPECT_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
	close(p[0]);
	EXPECT_ERRNO(write(p[1], "x", 1), EPIPE);
	close(p[1]);
	EXPECT_ERRNO(pipe2(p, 1), EINVAL);

	/* access, getcwd. */
	EXPECT_EQ(access("/tmp", F_OK), 0);
	EXPECT_EQ(access(F1, R_OK | W_OK), 0);
	EXPECT_ERRNO(access(F1, X_OK), EACCES);
	EXPECT_ERRNO(access("/nope", F_OK), ENOENT);
	EXPECT_ERRNO(access(F1, 8), EINVAL);
	(void)!chdir("/");
	EXPECT(getcwd(buf, sizeof(buf)) && strcmp(buf, "/") == 0, "getcwd");
	EXPECT_ERRNO(syscall(SYS_getcwd, buf, 1), ERANGE);

	/* A shared mapping and write()/read() see the same page-cache pages. */
	fd = open(F1, O_RDWR | O_TRUNC);
	ASSERT(fd >= 0, "open: %s", strerror(errno));
	memset(buf, 'a', 2 * PAGE_SIZE);
	EXPECT_EQ(write(fd, buf, 2 * PAGE_SIZE), 2 * PAGE_SIZE);
	map = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT(map != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT(peek(map + PAGE_SIZE + 5) == 'a', "mapping shows the file");
	EXPECT_EQ(pwrite(fd, "W", 1, 10), 1);
	EXPECT(peek(map + 10) == 'W', "mapping sees write()");
	poke(map + 20, 'M');
	EXPECT_EQ(pread(fd, buf, 1, 20), 1);
	EXPECT(buf[0] == 'M', "read() sees a store through the mapping");
	/* Truncate under the mapping: the second page is gone (SIGBUS), the first stays. */
	fd2 = open(F1, O_WRONLY | O_TRUNC);
	EXPECT_EQ(write(fd2, "z", 1), 1);
	close(fd2);
	EXPECT(peek(map) == 'z' && peek(map + 20) == 0, "first page after truncate: %c %d",
	       peek(map), peek(map + 20));
	expect_signal(touch_beyond, map + PAGE_SIZE, SIGBUS);
	munmap(map, 2 * PAGE_SIZE);
	close(fd);

	/* A write from a buffer whose second page is unmapped is short; wholly bad: EFAULT. */
	map = map_anon(2);
	memset(map, 'q', PAGE_SIZE);
	munmap(map + PAGE_SIZE, PAGE_SIZE);
	fd = open(F1, O_RDWR | O_TRUNC);
	EXPECT_EQ(write(fd, map, 2 * PAGE_SIZE), PAGE_SIZE);
	EXPECT_ERRNO(write(fd, map + PAGE_SIZE, 10), EFAULT);
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(read(fd, map + PAGE_SIZE - 10, 100), 10);
	close(fd);
	munmap(map, PAGE_SIZE);

	/* /proc. */
	fd = open("/proc/self/status", O_RDONLY);
	ASSERT(fd >= 0, "open /proc/self/status: %s", strerror(errno));
	n = read(fd, buf, sizeof(buf) - 1);
	ASSERT(n > 0, "read status: %s", strerror(errno));
	buf[n] = '\0';
	snprintf(name, sizeof(name), "\nPid:\t%d\n", getpid());
	EXPECT(strstr(buf, name) != NULL, "status has no %s", name + 1);
	EXPECT(strstr(buf, "VmRSS:") != NULL, "status has no VmRSS");
	EXPECT_ERRNO(write(fd, "x", 1), EBADF);
	close(fd);
	/* Refused (Faultline), or root may open it but not write (Linux). */
	fd = open("/proc/meminfo", O_WRONLY);
	EXPECT(fd < 0 ? errno == EACCES : write(fd, "x", 1) < 0, "/proc/meminfo is writable");
	if (fd >= 0)
		close(fd);
	fd = open("/proc/meminfo", O_RDONLY);
	ASSERT(fd >= 0, "open /proc/meminfo: %s", strerror(errno));
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	EXPECT(strncmp(buf, "MemTotal:", 9) == 0 && strstr(buf, "\nMemFree:") &&
	       strstr(buf, "\nCached:"), "meminfo: %.60s", buf);
	close(fd);
	fd = open("/proc/self/pagemap", O_RDONLY);
	ASSERT(fd >= 0, "open pagemap: %s", strerror(errno));
	{
		uint64_t e = 0;
		off_t off = (off_t)((uintptr_t)buf / PAGE_SIZE * 8);

		EXPECT_EQ(lseek(fd, off, SEEK_SET), off);
		EXPECT_EQ(read(fd, &e, 8), 8);
		EXPECT(e & PM_PRESENT, "buf's page not present in pagemap: %llx",
		       (unsigned long long)e);
		EXPECT_ERRNO(read(fd, &e, 3), EINVAL);
	}
	close(fd);
	snprintf(name, sizeof(name), "/proc/%d/maps", getpid());
	EXPECT_EQ(access(name, R_OK), 0);
	EXPECT_ERRNO(access("/proc/999999/maps", F_OK), ENOENT);
	{
		DIR *d = opendir("/proc");
		struct dirent *de;
		int me = 0;

		ASSERT(d != NULL, "opendir /proc: %s", strerror(errno));
		snprintf(name, sizeof(name), "%d", getpid());
		while ((de = readdir(d)) != NULL)
			me += strcmp(de->d_name, name) == 0;
		EXPECT(me == 1, "/proc lists pid %s %d times", name, me);
		closedir(d);
	}

	/* A relative name is relative to "/" here (our cwd). */
	EXPECT_EQ(access("tmp/fs_syscalls.1", F_OK), 0);
	EXPECT_EQ(access("./tmp/../tmp/fs_syscalls.1", F_OK), 0);
	/* Clean up: the runner runs every test twice in one boot. */
	EXPECT_EQ(unlink(F1), 0);
	EXPECT_ERRNO(access(F1, F_OK), ENOENT);
	return test_done();
}
