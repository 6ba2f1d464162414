/*
 * fs/sync.c - fsync and fdatasync (Linux's fs/sync.c): make a file's written data durable.
 *
 * A file system or device that keeps written data anywhere but its backing store says so with
 * f_op->fsync (a block device: flush the disk's write cache). Files without one: ramfs
 * regular files and directories have no backing store, so there is nothing to do (0, as
 * Linux's noop_fsync); pipes, sockets and character devices cannot be synced (-EINVAL).
 */
#include "fs/syscalls.h"
#include "fs/fs.h"
#include "kernel/errno.h"

/* vfs_fsync - sync @file's data (and its metadata unless @datasync). 0 or -errno. */
static int vfs_fsync(struct file *file, int datasync)
{
	umode_t mode = file->f_inode->i_mode;

	if (file->f_op->fsync)
		return file->f_op->fsync(file, datasync);
	return S_ISREG(mode) || S_ISDIR(mode) ? 0 : -EINVAL;
}

/* do_fsync - fsync/fdatasync of @fd. 0, -EBADF or what vfs_fsync returns. */
static long do_fsync(unsigned int fd, int datasync)
{
	struct file *file = fd > 0x7fffffffu ? NULL : fget((int)fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = vfs_fsync(file, datasync);
	fput(file);
	return ret;
}

long sys_fsync(unsigned int fd)
{
	return do_fsync(fd, 0);
}

long sys_fdatasync(unsigned int fd)
{
	return do_fsync(fd, 1);
}
