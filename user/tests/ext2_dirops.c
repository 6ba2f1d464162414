/*
 * ext2_dirops - directory operations on ext2 with every error case, as on Linux: mkdir
 * (EEXIST, ENOENT, ENOTDIR), rmdir (ENOTEMPTY, ENOTDIR, EINVAL for "."), unlink of a
 * directory (EISDIR), rename (a file, a file over a file, a directory over an empty one;
 * EISDIR for a file over a directory, ENOTDIR for a directory over a file, ENOTEMPTY over a
 * non-empty one, EINVAL into its own subdirectory, EXDEV across file systems), link (a
 * second name, st_nlink; EPERM for a directory, EEXIST), symlink/readlink (EINVAL on a
 * non-link), chdir/fchdir/getcwd (relative paths then work), statfs/fstatfs fields,
 * chmod/fchmod, utimensat times read back by stat. Everything survives umount + mount, and
 * the names are gone at the end.
 */
#include "ext2_disk.h"
#include <limits.h>

#define MNT	"/mnt/ext2_dirops"
#define D	MNT "/d"

/* put - create @path with @text. */
static void put(const char *path, const char *text)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	ASSERT(fd >= 0, "create %s: %s", path, strerror(errno));
	ASSERT(write(fd, text, strlen(text)) == (ssize_t)strlen(text), "write %s", path);
	close(fd);
}

/* cleanup - remove everything the test makes (an earlier failed run may have left it). */
static void cleanup(void)
{
	static const char *files[] = { D "/a", D "/b", D "/c", D "/sub/x", D "/e/x", D "/g/x", D "/link",
				       D "/hard", D "/rel" };
	static const char *dirs[] = { D "/sub/deeper", D "/sub", D "/e", D "/f", D "/g", D };

	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		unlink(files[i]);
	for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		rmdir(dirs[i]);
}

int main(void)
{
	char buf[PATH_MAX], cwd[PATH_MAX];
	struct stat st, st2;
	struct statfs sf, sf2;
	int fd, dfd;

	umount2(MNT, 0);
	ext2_mount(EXT2_DEV_4K, MNT, 0);
	cleanup();
	ASSERT(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd: %s", strerror(errno));

	/* mkdir, rmdir, unlink. */
	EXPECT(mkdir(D, 0755) == 0, "mkdir: %s", strerror(errno));
	EXPECT_ERRNO(mkdir(D, 0755), EEXIST);
	EXPECT_ERRNO(mkdir(MNT "/nodir/x", 0755), ENOENT);
	put(D "/a", "A");
	EXPECT_ERRNO(mkdir(D "/a/x", 0755), ENOTDIR);
	EXPECT(mkdir(D "/sub", 0755) == 0 && mkdir(D "/sub/deeper", 0755) == 0, "mkdir sub");
	EXPECT(stat(D, &st) == 0 && st.st_nlink == 3, "link count of d: %ld", (long)st.st_nlink);
	EXPECT_ERRNO(rmdir(D "/sub"), ENOTEMPTY);
	EXPECT_ERRNO(rmdir(D "/a"), ENOTDIR);
	EXPECT_ERRNO(rmdir(D "/sub/deeper/."), EINVAL);
	EXPECT_ERRNO(unlink(D "/sub"), EISDIR);
	EXPECT_ERRNO(unlink(D "/none"), ENOENT);

	/* rename. */
	put(D "/b", "B");
	EXPECT(rename(D "/a", D "/c") == 0, "rename a c: %s", strerror(errno));
	EXPECT_ERRNO(stat(D "/a", &st), ENOENT);
	EXPECT(rename(D "/c", D "/b") == 0, "rename over a file: %s", strerror(errno));
	EXPECT(slurp(D "/b", buf, sizeof(buf)) == 1 && buf[0] == 'A', "b holds a's data");
	EXPECT_ERRNO(rename(D "/b", D "/sub"), EISDIR);
	EXPECT_ERRNO(rename(D "/sub", D "/b"), ENOTDIR);
	EXPECT(mkdir(D "/e", 0755) == 0 && mkdir(D "/f", 0755) == 0, "mkdir e f");
	put(D "/e/x", "x");
	EXPECT_ERRNO(rename(D "/f", D "/e"), ENOTEMPTY);
	EXPECT(rename(D "/e", D "/f") == 0, "rename over an empty dir: %s", strerror(errno));
	EXPECT(stat(D "/f/x", &st) == 0, "f/x after the rename");
	EXPECT_ERRNO(rename(D "/sub", D "/sub/deeper/sub"), EINVAL);
	EXPECT(rename(D "/f", D "/sub/g") == 0 && stat(D "/sub", &st) == 0 && st.st_nlink == 4,
	       "a directory moved in: the new parent's link count %ld", (long)st.st_nlink);
	EXPECT(rename(D "/sub/g", D "/g") == 0 && stat(D "/sub", &st) == 0 && st.st_nlink == 3,
	       "and out again: %ld", (long)st.st_nlink);
	EXPECT(stat(D "/g/..", &st) == 0 && stat(D, &st2) == 0 && st.st_ino == st2.st_ino,
	       "'..' of a moved directory names its new parent");
	EXPECT_ERRNO(rename(D "/b", "/tmp/ext2_dirops.x"), EXDEV);

	/* link, symlink, readlink. */
	EXPECT(link(D "/b", D "/hard") == 0, "link: %s", strerror(errno));
	EXPECT(stat(D "/b", &st) == 0 && st.st_nlink == 2 && stat(D "/hard", &st2) == 0 &&
	       st.st_ino == st2.st_ino, "two names, one inode");
	EXPECT_ERRNO(link(D "/sub", D "/subl"), EPERM);
	EXPECT_ERRNO(link(D "/b", D "/hard"), EEXIST);
	EXPECT(symlink("sub/deeper", D "/link") == 0, "symlink: %s", strerror(errno));
	memset(buf, 0, sizeof(buf));
	EXPECT(readlink(D "/link", buf, sizeof(buf)) == 10 && strcmp(buf, "sub/deeper") == 0,
	       "readlink: '%s'", buf);
	EXPECT(stat(D "/link", &st) == 0 && S_ISDIR(st.st_mode), "stat follows the link");
	EXPECT_ERRNO(readlink(D "/b", buf, sizeof(buf)), EINVAL);
	EXPECT_ERRNO(symlink("x", D "/b"), EEXIST);

	/* chdir, fchdir, getcwd. */
	EXPECT(chdir(D "/sub") == 0, "chdir: %s", strerror(errno));
	EXPECT(getcwd(buf, sizeof(buf)) && strcmp(buf, D "/sub") == 0, "getcwd: %s", buf);
	put("x", "relative");
	EXPECT(stat(D "/sub/x", &st) == 0 && st.st_size == 8, "a relative create lands in the cwd");
	dfd = open(D, O_RDONLY | O_DIRECTORY);
	EXPECT(dfd >= 0 && fchdir(dfd) == 0, "fchdir: %s", strerror(errno));
	EXPECT(getcwd(buf, sizeof(buf)) && strcmp(buf, D) == 0, "getcwd after fchdir: %s", buf);
	EXPECT(unlink("sub/x") == 0, "relative unlink: %s", strerror(errno));
	EXPECT_ERRNO(chdir(D "/b"), ENOTDIR);
	fd = open(D "/b", O_RDONLY);
	EXPECT_ERRNO(fchdir(fd), ENOTDIR);
	ASSERT(chdir(cwd) == 0, "chdir back: %s", strerror(errno));

	/* statfs, fstatfs. */
	EXPECT(statfs(MNT, &sf) == 0, "statfs: %s", strerror(errno));
	EXPECT_EQ(sf.f_type, EXT2_SUPER_MAGIC);
	EXPECT_EQ(sf.f_bsize, 4096);
	/* 64 MiB of 4 KiB blocks, less the metadata ext2 keeps out of the count (Linux's
	 * default "bsddf": inode tables, bitmaps, descriptors). */
	EXPECT(sf.f_blocks > 15000 && sf.f_blocks <= 16384, "f_blocks %ld", (long)sf.f_blocks);
	EXPECT(sf.f_bfree > 0 && sf.f_bfree <= sf.f_blocks && sf.f_bavail <= sf.f_bfree,
	       "f_bfree %ld f_bavail %ld", (long)sf.f_bfree, (long)sf.f_bavail);
	EXPECT(sf.f_files > 0 && sf.f_ffree < sf.f_files, "f_files %ld f_ffree %ld",
	       (long)sf.f_files, (long)sf.f_ffree);
	EXPECT_EQ(sf.f_namelen, 255);
	EXPECT(fstatfs(fd, &sf2) == 0 && sf2.f_type == sf.f_type && sf2.f_blocks == sf.f_blocks &&
	       sf2.f_files == sf.f_files, "fstatfs differs from statfs");

	/* chmod, fchmod, utimensat. */
	EXPECT(chmod(D "/b", 0600) == 0 && stat(D "/b", &st) == 0 && (st.st_mode & 07777) == 0600,
	       "chmod: %o", st.st_mode & 07777);
	EXPECT(fchmod(fd, 04751) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 04751,
	       "fchmod: %o", st.st_mode & 07777);
	struct timespec ts[2] = { { 1000000000, 123456789 }, { 1200000000, 0 } };
	EXPECT(utimensat(AT_FDCWD, D "/b", ts, 0) == 0, "utimensat: %s", strerror(errno));
	close(fd);
	close(dfd);

	/* All of it is on the disk. */
	ext2_remount(EXT2_DEV_4K, MNT);
	EXPECT(stat(D "/b", &st) == 0 && (st.st_mode & 07777) == 04751 && st.st_nlink == 2 &&
	       st.st_atime == 1000000000 && st.st_mtime == 1200000000,
	       "after remount: mode %o nlink %ld atime %ld mtime %ld", st.st_mode & 07777,
	       (long)st.st_nlink, (long)st.st_atime, (long)st.st_mtime);
	memset(buf, 0, sizeof(buf));
	EXPECT(readlink(D "/link", buf, sizeof(buf)) == 10, "readlink after remount: '%s'", buf);
	EXPECT(stat(D "/g/x", &st) == 0 && stat(D "/sub/deeper", &st) == 0, "tree after remount");

	cleanup();
	EXPECT_ERRNO(stat(D, &st), ENOENT);
	ext2_umount(MNT);
	return test_done();
}
