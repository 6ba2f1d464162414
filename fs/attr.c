/*
 * fs/attr.c - changing a file's attributes (Linux's fs/attr.c, with the system calls of
 * fs/open.c and fs/utimes.c that use it): notify_change, truncate and ftruncate, chmod and
 * friends, chown and friends, utimensat.
 *
 * Every change goes through notify_change(): the file system's i_op->setattr writes it to the
 * disk (ext2), or simple_setattr changes the in-memory inode (ramfs, whose inode is the file).
 * Everyone is root, so permission checks are only the read-only mount (-EROFS).
 */
#include "fs/fs.h"
#include "fs/open.h"
#include "fs/namei.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/pagemap.h"
#include "fs/ramfs.h"
#include "fs/syscalls.h"
#include "kernel/errno.h"
#include "kernel/time.h"

void setattr_copy(struct inode *inode, const struct iattr *attr)
{
	if (attr->ia_valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & 07777);
	if (attr->ia_valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (attr->ia_valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (attr->ia_valid & ATTR_ATIME)
		inode->i_atime_ns = attr->ia_atime_ns;
	if (attr->ia_valid & ATTR_MTIME)
		inode->i_mtime_ns = attr->ia_mtime_ns;
	if (attr->ia_valid & ATTR_CTIME)
		inode->i_ctime_ns = attr->ia_ctime_ns;
}

/* simple_setattr - setattr of the RAM file systems: the inode is all there is. A new size
 * unmaps and drops the cached pages past it; growing leaves a hole. */
static int simple_setattr(struct inode *inode, const struct iattr *attr)
{
	if (attr->ia_valid & ATTR_SIZE) {
		if (attr->ia_size > RAMFS_MAX_FILE_SIZE)
			return -EFBIG;
		inode->i_size = attr->ia_size;
		if (inode->i_mapping)
			truncate_pagecache(inode, attr->ia_size);
	}
	setattr_copy(inode, attr);
	return 0;
}

/*
 * notify_change - apply @attr to @inode (the ctime is stamped now unless @attr sets it).
 * Returns 0 or -errno: -EROFS, -EFBIG, -ENOSPC, -EIO, -EINTR.
 */
int notify_change(struct inode *inode, struct iattr *attr)
{
	if (IS_RDONLY(inode))
		return -EROFS;
	if (!(attr->ia_valid & ATTR_CTIME)) {
		attr->ia_ctime_ns = ktime_get_real_ns();
		attr->ia_valid |= ATTR_CTIME;
	}
	if (inode->i_op && inode->i_op->setattr)
		return inode->i_op->setattr(inode, attr);
	return simple_setattr(inode, attr);
}

int do_truncate(struct inode *inode, loff_t length)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE | ATTR_MTIME, .ia_size = length };
	int err;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) || length < 0)
		return -EINVAL;
	err = get_write_access(inode);		/* a running program's text stays */
	if (err)
		return err;
	attr.ia_mtime_ns = ktime_get_real_ns();
	err = notify_change(inode, &attr);
	put_write_access(inode);
	return err;
}

/* sys_truncate - truncate(2): set the size of the file @pathname. 0 or -errno as
 * do_truncate, plus the lookup's, -EROFS. */
long sys_truncate(const char __user *pathname, long length)
{
	struct inode *inode = user_path_at(AT_FDCWD, pathname);
	long err;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = do_truncate(inode, length);
	iput(inode);
	return err;
}

/* sys_ftruncate - ftruncate(2): the same for the file open as @fd, which must be open for
 * writing (-EINVAL otherwise, as Linux; -EBADF if not open). */
long sys_ftruncate(unsigned int fd, long length)
{
	struct file *file = fd > 0x7fffffffu ? NULL : fget((int)fd);
	long err;

	if (!file)
		return -EBADF;
	if (!(file->f_mode & FMODE_WRITER) && S_ISREG(file->f_inode->i_mode))
		err = -EINVAL;
	else
		err = do_truncate(file->f_inode, length);
	fput(file);
	return err;
}

/* chmod_common - set @inode's permission bits to @mode. */
static long chmod_common(struct inode *inode, umode_t mode)
{
	struct iattr attr = { .ia_valid = ATTR_MODE, .ia_mode = mode & 07777 };

	return notify_change(inode, &attr);
}

/* sys_fchmodat - fchmodat(2): the permissions of @filename (links followed). */
long sys_fchmodat(int dfd, const char __user *filename, umode_t mode)
{
	struct inode *inode = user_path_at(dfd, filename);
	long err;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = chmod_common(inode, mode);
	iput(inode);
	return err;
}

long sys_chmod(const char __user *filename, umode_t mode)
{
	return sys_fchmodat(AT_FDCWD, filename, mode);
}

/* sys_fchmod - fchmod(2) of the file open as @fd. */
long sys_fchmod(unsigned int fd, umode_t mode)
{
	struct file *file = fd > 0x7fffffffu ? NULL : fget((int)fd);
	long err;

	if (!file)
		return -EBADF;
	err = chmod_common(file->f_inode, mode);
	fput(file);
	return err;
}

/* chown_common - set @inode's owner and group (-1: unchanged). */
static long chown_common(struct inode *inode, int user, int group)
{
	struct iattr attr = { 0 };

	if (user != -1) {
		attr.ia_valid |= ATTR_UID;
		attr.ia_uid = (unsigned int)user;
	}
	if (group != -1) {
		attr.ia_valid |= ATTR_GID;
		attr.ia_gid = (unsigned int)group;
	}
	return attr.ia_valid ? notify_change(inode, &attr) : 0;
}

/* sys_fchownat - fchownat(2): AT_SYMLINK_NOFOLLOW changes a link itself, AT_EMPTY_PATH
 * means @dfd. */
long sys_fchownat(int dfd, const char __user *filename, int user, int group, int flag)
{
	struct inode *inode;
	long err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	inode = user_path_at_flags(dfd, filename, (flag & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	if (IS_ERR(inode)) {
		struct file *file;

		if (PTR_ERR(inode) != -ENOENT || !(flag & AT_EMPTY_PATH) || dfd == AT_FDCWD)
			return PTR_ERR(inode);
		file = fget(dfd);
		if (!file)
			return -EBADF;
		err = chown_common(file->f_inode, user, group);
		fput(file);
		return err;
	}
	err = chown_common(inode, user, group);
	iput(inode);
	return err;
}

long sys_chown(const char __user *filename, int user, int group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, 0);
}

long sys_lchown(const char __user *filename, int user, int group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(unsigned int fd, int user, int group)
{
	struct file *file = fd > 0x7fffffffu ? NULL : fget((int)fd);
	long err;

	if (!file)
		return -EBADF;
	err = chown_common(file->f_inode, user, group);
	fput(file);
	return err;
}

#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)

struct timespec_k {
	long tv_sec;
	long tv_nsec;
};

/*
 * sys_utimensat - utimensat(2): set @filename's access and modification times from @utimes
 * ([0] atime, [1] mtime; UTIME_NOW, UTIME_OMIT; NULL: both now). A NULL @filename means
 * @dfd itself (Linux's futimens). Returns 0 or -errno: -EINVAL (a bad tv_nsec or @flags),
 * -EFAULT, -EROFS, the lookup's.
 */
long sys_utimensat(int dfd, const char __user *filename, const struct timespec_k __user *utimes,
		   int flags)
{
	struct timespec_k t[2];
	struct iattr attr = { .ia_valid = 0 };
	u64 now = ktime_get_real_ns();
	struct inode *inode;
	struct file *file = NULL;
	long err;
	int i;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes) {
		if (copy_from_user(t, utimes, sizeof(t)))
			return -EFAULT;
	} else {
		t[0].tv_nsec = t[1].tv_nsec = UTIME_NOW;
	}
	for (i = 0; i < 2; i++) {
		u64 ns;

		if (t[i].tv_nsec == UTIME_OMIT)
			continue;
		if (t[i].tv_nsec == UTIME_NOW)
			ns = now;
		else if (t[i].tv_nsec < 0 || t[i].tv_nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		else
			ns = (u64)t[i].tv_sec * NSEC_PER_SEC + (u64)t[i].tv_nsec;
		if (i == 0) {
			attr.ia_valid |= ATTR_ATIME;
			attr.ia_atime_ns = ns;
		} else {
			attr.ia_valid |= ATTR_MTIME;
			attr.ia_mtime_ns = ns;
		}
	}
	if (!filename) {
		file = dfd == AT_FDCWD ? NULL : fget(dfd);
		if (!file)
			return dfd == AT_FDCWD ? -EFAULT : -EBADF;
		inode = igrab(file->f_inode);
		fput(file);
	} else {
		inode = user_path_at_flags(dfd, filename,
					   (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
		if (IS_ERR(inode))
			return PTR_ERR(inode);
	}
	err = attr.ia_valid ? notify_change(inode, &attr) : 0;
	iput(inode);
	return err;
}
