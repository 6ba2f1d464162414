/*
 * fs_dirops - directory operations behave as on Linux: mkdir/mkdirat, rmdir, unlink and
 * unlinkat (with and without AT_REMOVEDIR), with their errors (EEXIST, ENOENT, ENOTDIR, EISDIR,
 * ENOTEMPTY, EINVAL for ".", EBUSY for "/", ENAMETOOLONG, EFAULT); a directory's link count
 * follows its subdirectories; a file unlinked while open and mapped stays usable through the
 * descriptor and the mapping, with link count 0; a removed directory that is still open lists
 * nothing and takes no new entries. Runs unchanged on Linux (it needs a writable /tmp).
 *
 * Seed concept: file-backed memory - an unlinked file's page-cache pages live exactly as long
 * as something (an open file, a mapping) still refers to them; the runner's leak check then
 * sees them freed.
 */
#include "test.h"
#include <sys/stat.h>

#define D	"/tmp/fs_dirops.d"
#define SUB	D "/sub"
#define F	D "/file"
#define G	"/tmp/fs_dirops.g"

/* nlink_of - @path's link count, or -1 if stat fails. */
static long nlink_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_nlink : -1;
}

/* leftovers - remove what an earlier, failed run may have left behind. */
static void leftovers(void)
{
	unlink(F);
	unlink(SUB "/x");
	rmdir(SUB);
	rmdir(D);
	unlink(G);
}

int main(void)
{
	char name[300], buf[64];
	unsigned char *map;
	struct stat st;
	int fd, dfd, i;

	umask(022);
	leftovers();

	/* mkdir: a new, empty directory with the mode less the umask. */
	EXPECT_EQ(mkdir(D, 0777), 0);
	ASSERT(stat(D, &st) == 0, "stat %s: %s", D, strerror(errno));
	EXPECT(S_ISDIR(st.st_mode), "mode %o", st.st_mode);
	EXPECT_EQ(st.st_mode & 07777, 0755);
	EXPECT_EQ(st.st_nlink, 2);
	EXPECT_ERRNO(mkdir(D, 0755), EEXIST);
	EXPECT_ERRNO(mkdir("/", 0755), EEXIST);
	EXPECT_ERRNO(mkdir(D "/.", 0755), EEXIST);
	EXPECT_ERRNO(mkdir(D "/..", 0755), EEXIST);
	EXPECT_ERRNO(mkdir(D "/no/such", 0755), ENOENT);
	EXPECT_ERRNO(mkdir("", 0755), ENOENT);
	EXPECT_ERRNO(mkdir("/dev/null/x", 0755), ENOTDIR);
	EXPECT_ERRNO(mkdir((const char *)8, 0755), EFAULT);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	memcpy(name, "/tmp/", 5);
	EXPECT_ERRNO(mkdir(name, 0755), ENAMETOOLONG);

	/* A subdirectory counts in its parent's link count (its ".."); a trailing slash is
	 * allowed for a directory. */
	EXPECT_EQ(mkdir(SUB "/", 0700), 0);
	EXPECT_EQ(nlink_of(D), 3);
	EXPECT_EQ(nlink_of(SUB), 2);
	EXPECT_ERRNO(mkdir(SUB, 0700), EEXIST);

	/* A file in the directory. */
	fd = open(F, O_RDWR | O_CREAT | O_EXCL, 0644);
	ASSERT(fd >= 0, "create %s: %s", F, strerror(errno));
	close(fd);
	EXPECT_ERRNO(mkdir(F, 0755), EEXIST);
	EXPECT_ERRNO(mkdir(F "/x", 0755), ENOTDIR);

	/* rmdir and unlink refuse the wrong kind of file and non-empty directories. */
	EXPECT_ERRNO(rmdir(D), ENOTEMPTY);
	EXPECT_ERRNO(rmdir(F), ENOTDIR);
	EXPECT_ERRNO(rmdir(F "/"), ENOTDIR);
	EXPECT_ERRNO(unlink(F "/"), ENOTDIR);
	EXPECT_ERRNO(unlink(D), EISDIR);
	EXPECT_ERRNO(unlink(SUB "/"), EISDIR);
	EXPECT_ERRNO(rmdir(D "/."), EINVAL);
	EXPECT_ERRNO(rmdir(D "/.."), ENOTEMPTY);
	EXPECT_ERRNO(rmdir("/"), EBUSY);
	EXPECT_ERRNO(unlink("/"), EISDIR);
	EXPECT_ERRNO(unlink(D "/."), EISDIR);
	EXPECT_ERRNO(rmdir(D "/none"), ENOENT);
	EXPECT_ERRNO(unlink(D "/none"), ENOENT);
	EXPECT_ERRNO(unlink("/no/such/dir/x"), ENOENT);
	EXPECT_ERRNO(unlink(""), ENOENT);
	EXPECT_ERRNO(rmdir(""), ENOENT);
	EXPECT_ERRNO(unlink("/dev/null/x"), ENOTDIR);
	EXPECT_ERRNO(unlink((const char *)8), EFAULT);
	EXPECT_ERRNO(rmdir((const char *)8), EFAULT);
	EXPECT_ERRNO(unlink(name), ENAMETOOLONG);
	EXPECT_ERRNO(rmdir(name), ENAMETOOLONG);
	errno = 0;
	i = unlink("/proc/meminfo");
	EXPECT(i == -1 && (errno == EPERM || errno == EACCES),
	       "unlink /proc/meminfo: returned %d, errno %d (%s), expected EPERM or EACCES",
	       i, errno, strerror(errno));
	EXPECT_ERRNO(rmdir("/proc"), EBUSY);		/* a mount point on Linux */

	/* unlinkat/mkdirat relative to a directory descriptor. */
	dfd = open(D, O_RDONLY | O_DIRECTORY);
	ASSERT(dfd >= 0, "open %s: %s", D, strerror(errno));
	EXPECT_ERRNO(unlinkat(dfd, "sub", 0x1), EINVAL);
	EXPECT_ERRNO(unlinkat(dfd, "sub", 0), EISDIR);
	EXPECT_ERRNO(unlinkat(dfd, "file", AT_REMOVEDIR), ENOTDIR);
	EXPECT_EQ(mkdirat(dfd, "sub/x", 0700), 0);
	EXPECT_EQ(nlink_of(SUB), 3);
	EXPECT_ERRNO(unlinkat(dfd, "sub", AT_REMOVEDIR), ENOTEMPTY);
	EXPECT_EQ(unlinkat(dfd, "sub/x", AT_REMOVEDIR), 0);
	EXPECT_EQ(nlink_of(SUB), 2);
	EXPECT_EQ(unlinkat(dfd, "sub", AT_REMOVEDIR), 0);
	EXPECT_EQ(nlink_of(D), 2);
	EXPECT_ERRNO(stat(SUB, &st), ENOENT);
	EXPECT_EQ(unlinkat(dfd, "file", 0), 0);
	EXPECT_ERRNO(stat(F, &st), ENOENT);
	EXPECT_ERRNO(unlinkat(dfd, "file", 0), ENOENT);
	EXPECT_ERRNO(mkdirat(-1, "x", 0700), EBADF);
	EXPECT_ERRNO(unlinkat(-1, "x", 0), EBADF);
	fd = open("/dev/null", O_RDONLY);
	EXPECT_ERRNO(mkdirat(fd, "x", 0700), ENOTDIR);
	close(fd);

	/* A removed directory that is still open: empty, link count 0, takes no new entries. */
	EXPECT_EQ(rmdir(D), 0);
	EXPECT_ERRNO(stat(D, &st), ENOENT);
	ASSERT(fstat(dfd, &st) == 0, "fstat: %s", strerror(errno));
	EXPECT_EQ(st.st_nlink, 0);
	EXPECT_ERRNO(syscall(SYS_getdents64, dfd, buf, sizeof(buf)), ENOENT);
	EXPECT_ERRNO(openat(dfd, "new", O_RDWR | O_CREAT, 0644), ENOENT);
	EXPECT_ERRNO(mkdirat(dfd, "new", 0700), ENOENT);
	close(dfd);

	/* A file unlinked while open and mapped: the descriptor and the mapping keep working. */
	fd = open(G, O_RDWR | O_CREAT | O_EXCL, 0644);
	ASSERT(fd >= 0, "create %s: %s", G, strerror(errno));
	for (i = 0; i < 3; i++) {
		memset(buf, 'a' + i, sizeof(buf));
		EXPECT_EQ(pwrite(fd, buf, sizeof(buf), (off_t)(i * PAGE_SIZE)), sizeof(buf));
	}
	map = mmap(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT(map != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(unlink(G), 0);
	EXPECT_ERRNO(stat(G, &st), ENOENT);
	ASSERT(fstat(fd, &st) == 0, "fstat: %s", strerror(errno));
	EXPECT_EQ(st.st_nlink, 0);
	EXPECT_EQ(st.st_size, 2 * PAGE_SIZE + sizeof(buf));
	EXPECT_EQ(peek(map + PAGE_SIZE), 'b');
	poke(map + 2 * PAGE_SIZE + 1, 'Z');
	EXPECT_EQ(pread(fd, buf, 2, (off_t)(2 * PAGE_SIZE)), 2);
	EXPECT(buf[0] == 'c' && buf[1] == 'Z', "pread after a store through the mapping: %.2s", buf);
	EXPECT_EQ(pwrite(fd, "Q", 1, 0), 1);
	close(fd);
	EXPECT_EQ(peek(map), 'Q');			/* the mapping outlives the descriptor */
	EXPECT_EQ(munmap(map, 3 * PAGE_SIZE), 0);

	/* The name can be used again at once, for a new, empty file. */
	fd = open(G, O_RDWR | O_CREAT | O_EXCL, 0644);
	ASSERT(fd >= 0, "create %s again: %s", G, strerror(errno));
	ASSERT(fstat(fd, &st) == 0, "fstat: %s", strerror(errno));
	EXPECT_EQ(st.st_size, 0);
	EXPECT_EQ(st.st_nlink, 1);
	close(fd);
	EXPECT_EQ(unlink(G), 0);

	leftovers();
	return test_done();
}
