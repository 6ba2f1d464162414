/*
 * fs/stat.c - stat, lstat, fstat and newfstatat: an inode's attributes in Linux x86-64's
 * struct stat.
 *
 * A disk file system's files show its device number (st_dev), their owner, times and
 * allocated blocks as stored; the RAM file systems' files share one st_dev, and st_blocks
 * counts the 512-byte blocks of their cached pages, so a file with holes shows fewer blocks
 * than its size, as on Linux. lstat (AT_SYMLINK_NOFOLLOW) describes a link itself.
 */
#include "fs/syscalls.h"
#include "fs/namei.h"
#include "fs/inode.h"
#include "fs/file.h"
#include "fs/buffer.h"
#include "kernel/errno.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"

#define AT_NO_AUTOMOUNT	0x800
/* One st_dev for everything: inode numbers are unique across ramfs, pipes and /proc. */
#define FAULTLINE_ST_DEV 1

/* cp_new_stat - fill a struct stat from @inode and copy it to @statbuf. 0 or -EFAULT. */
static long cp_new_stat(const struct inode *inode, struct stat __user *statbuf)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = inode->i_sb ? inode->i_sb->s_dev : FAULTLINE_ST_DEV;
	st.st_ino = inode->i_ino;
	st.st_nlink = inode->i_nlink;
	st.st_mode = inode->i_mode;
	st.st_uid = inode->i_uid;
	st.st_gid = inode->i_gid;
	st.st_rdev = inode->i_rdev;
	st.st_size = inode->i_size;
	st.st_blksize = inode->i_sb ? (long)inode->i_sb->s_blocksize : (long)PAGE_SIZE;
	if (inode->i_sb)
		st.st_blocks = (long)inode->i_blocks;
	else
		st.st_blocks = inode->i_mapping ? (long)(inode->i_mapping->nrpages * (PAGE_SIZE / 512)) : 0;
	st.st_atime = inode->i_atime_ns / NSEC_PER_SEC;
	st.st_atime_nsec = inode->i_atime_ns % NSEC_PER_SEC;
	st.st_mtime = inode->i_mtime_ns / NSEC_PER_SEC;
	st.st_mtime_nsec = inode->i_mtime_ns % NSEC_PER_SEC;
	st.st_ctime = inode->i_ctime_ns / NSEC_PER_SEC;
	st.st_ctime_nsec = inode->i_ctime_ns % NSEC_PER_SEC;
	return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/* vfs_fstat_user - stat the file open as @fd. 0, -EBADF or -EFAULT. */
static long vfs_fstat_user(int fd, struct stat __user *statbuf)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = cp_new_stat(file->f_inode, statbuf);
	fput(file);
	return ret;
}

/* sys_fstat - the attributes of the file open as @fd. 0, -EBADF or -EFAULT. */
long sys_fstat(unsigned int fd, struct stat __user *statbuf)
{
	return vfs_fstat_user((int)fd, statbuf);
}

/*
 * sys_newfstatat - stat @filename relative to @dfd (AT_SYMLINK_NOFOLLOW: a link itself);
 * with AT_EMPTY_PATH an empty @filename means @dfd itself (or "/" for
 * AT_FDCWD). Returns 0 or -errno: -EINVAL (unknown @flag), -EFAULT, -ENOENT, -ENOTDIR,
 * -ENAMETOOLONG, -EBADF.
 */
long sys_newfstatat(int dfd, const char __user *filename, struct stat __user *statbuf, int flag)
{
	struct nameidata nd;
	char *name;
	long ret;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	if (!*name) {
		putname(name);
		if (!(flag & AT_EMPTY_PATH))
			return -ENOENT;
		if (dfd == AT_FDCWD)
			return cp_new_stat(root_inode, statbuf);
		return vfs_fstat_user(dfd, statbuf);
	}
	ret = path_init(&nd, dfd, name, NULL, 0);
	if (!ret) {
		ret = path_walk(&nd, name, (flag & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
		if (!ret)
			ret = cp_new_stat(nd.inode, statbuf);
		path_put(&nd);
	}
	putname(name);
	return ret;
}

/* sys_stat / sys_lstat - newfstatat(AT_FDCWD, ...), following a last link or not. */
long sys_stat(const char __user *filename, struct stat __user *statbuf)
{
	return sys_newfstatat(AT_FDCWD, filename, statbuf, 0);
}

long sys_lstat(const char __user *filename, struct stat __user *statbuf)
{
	return sys_newfstatat(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}
