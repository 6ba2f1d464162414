/*
 * fs_ramfs_dirops - the directory calls the disk issue added, on the RAM file system (/tmp):
 * rename (a file, over a file, a directory over an empty one, into its own subdirectory,
 * across file systems), link, symlink and readlink (and a path through a link), chdir and
 * getcwd, chmod, utimensat, truncate and a FIFO from mknod. Linux's tmpfs or rootfs answers
 * the same.
 */
#include "test.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>

#define D "/tmp/fs_ramfs_dirops"

/* put - create @path holding @text. */
static void put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			perror("write");
		close(fd);
	}
}

/* get - the first bytes of @path into @buf (NUL-terminated), or "" if it cannot be read. */
static const char *get(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, size - 1) : -1;

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
	return buf;
}

int main(void)
{
	char buf[256];
	struct stat st;
	struct timespec ts[2] = { { 1000000000, 0 }, { 1200000000, 0 } };

	mkdir(D, 0755);
	put(D "/a", "alpha");
	put(D "/b", "beta");
	EXPECT(rename(D "/a", D "/c") == 0, "rename: %s", strerror(errno));
	EXPECT(strcmp(get(D "/c", buf, sizeof(buf)), "alpha") == 0, "renamed file reads '%s'", buf);
	EXPECT_ERRNO(stat(D "/a", &st), ENOENT);
	EXPECT(rename(D "/c", D "/b") == 0, "rename over a file: %s", strerror(errno));
	EXPECT(strcmp(get(D "/b", buf, sizeof(buf)), "alpha") == 0, "replaced file reads '%s'", buf);
	EXPECT_ERRNO(stat(D "/c", &st), ENOENT);

	EXPECT(mkdir(D "/d1", 0755) == 0 && mkdir(D "/d2", 0755) == 0, "mkdir: %s", strerror(errno));
	EXPECT(rename(D "/d1", D "/d2") == 0, "a directory over an empty one: %s", strerror(errno));
	EXPECT(mkdir(D "/d2/sub", 0755) == 0, "mkdir sub: %s", strerror(errno));
	EXPECT_ERRNO(rename(D "/d2", D "/d2/sub/x"), EINVAL);
	EXPECT(mkdir(D "/d3", 0755) == 0, "mkdir d3: %s", strerror(errno));
	EXPECT_ERRNO(rename(D "/d3", D "/d2"), ENOTEMPTY);
	EXPECT_ERRNO(rename(D "/b", D "/d3"), EISDIR);
	EXPECT_ERRNO(rename(D "/d3", D "/b"), ENOTDIR);
	EXPECT_ERRNO(rename(D "/b", "/proc/b"), EXDEV);
	EXPECT(rename(D "/d2/sub", D "/sub") == 0 && stat(D "/sub", &st) == 0 && S_ISDIR(st.st_mode),
	       "a directory moved up: %s", strerror(errno));

	EXPECT(link(D "/b", D "/hard") == 0, "link: %s", strerror(errno));
	EXPECT(stat(D "/b", &st) == 0 && st.st_nlink == 2, "nlink %lu", (unsigned long)st.st_nlink);
	EXPECT_ERRNO(link(D "/d3", D "/dirlink"), EPERM);
	EXPECT_ERRNO(link(D "/b", D "/hard"), EEXIST);

	EXPECT(symlink("b", D "/sym") == 0, "symlink: %s", strerror(errno));
	EXPECT(readlink(D "/sym", buf, sizeof(buf)) == 1 && buf[0] == 'b', "readlink");
	EXPECT(lstat(D "/sym", &st) == 0 && S_ISLNK(st.st_mode), "lstat: not a link");
	EXPECT(stat(D "/sym", &st) == 0 && S_ISREG(st.st_mode), "stat through the link");
	EXPECT(strcmp(get(D "/sym", buf, sizeof(buf)), "alpha") == 0, "open through the link '%s'", buf);
	EXPECT(symlink(D "/d3", D "/dirsym") == 0, "symlink to a directory: %s", strerror(errno));
	put(D "/dirsym/inside", "in");
	EXPECT(stat(D "/d3/inside", &st) == 0, "created through a directory link: %s", strerror(errno));
	EXPECT_ERRNO(readlink(D "/b", buf, sizeof(buf)), EINVAL);
	EXPECT(symlink("loop", D "/loop") == 0, "symlink loop");
	EXPECT_ERRNO(open(D "/loop", O_RDONLY), ELOOP);
	EXPECT_ERRNO(open(D "/sym", O_RDONLY | O_NOFOLLOW), ELOOP);

	EXPECT(chdir(D "/d3") == 0, "chdir: %s", strerror(errno));
	EXPECT(getcwd(buf, sizeof(buf)) && strcmp(buf, D "/d3") == 0, "getcwd '%s'", buf);
	EXPECT(strcmp(get("inside", buf, sizeof(buf)), "in") == 0, "relative open '%s'", buf);
	EXPECT(chdir("..") == 0 && getcwd(buf, sizeof(buf)) && strcmp(buf, D) == 0, "getcwd after .. '%s'", buf);
	EXPECT_ERRNO(chdir(D "/b"), ENOTDIR);
	EXPECT(chdir("/") == 0, "chdir /");

	EXPECT(chmod(D "/b", 0600) == 0 && stat(D "/b", &st) == 0 && (st.st_mode & 07777) == 0600,
	       "chmod: mode %o", st.st_mode & 07777);
	EXPECT(utimensat(AT_FDCWD, D "/b", ts, 0) == 0, "utimensat: %s", strerror(errno));
	EXPECT(stat(D "/b", &st) == 0 && st.st_atime == 1000000000 && st.st_mtime == 1200000000,
	       "times %ld %ld", (long)st.st_atime, (long)st.st_mtime);
	EXPECT(truncate(D "/b", 2) == 0 && stat(D "/b", &st) == 0 && st.st_size == 2, "truncate");
	EXPECT(strcmp(get(D "/hard", buf, sizeof(buf)), "al") == 0, "truncated via the other name '%s'", buf);
	EXPECT(mknod(D "/fifo", S_IFIFO | 0644, 0) == 0, "mknod FIFO: %s", strerror(errno));
	EXPECT(lstat(D "/fifo", &st) == 0 && S_ISFIFO(st.st_mode), "FIFO type");
	EXPECT_ERRNO(mknod(D "/fifo", S_IFIFO | 0644, 0), EEXIST);

	unlink(D "/fifo"); unlink(D "/loop"); unlink(D "/dirsym"); unlink(D "/sym");
	unlink(D "/hard"); unlink(D "/b"); unlink(D "/d3/inside");
	rmdir(D "/d3"); rmdir(D "/d2"); rmdir(D "/sub");
	EXPECT(rmdir(D) == 0, "everything removed: %s", strerror(errno));
	return test_done();
}
