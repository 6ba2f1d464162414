/*
 * fs/statfs.c - statfs(2) and fstatfs(2): what a file system holds and has free (Linux's
 * fs/statfs.c), in Linux x86-64's struct statfs.
 *
 * A disk file system answers through super_operations.statfs (ext2: its superblock's
 * counts). The RAM trees answer as Linux's do: ramfs (the root, /tmp, /dev) with
 * RAMFS_MAGIC and no block counts, /proc with PROC_SUPER_MAGIC.
 */
#include "fs/fs.h"
#include "fs/namei.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/syscalls.h"
#include "fs/proc/internal.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

#define RAMFS_MAGIC		0x858458f6
#define PROC_SUPER_MAGIC	0x9fa0
#define ST_RDONLY		0x0001	/* f_flags */

/* struct statfs - Linux x86-64's (asm-generic/statfs.h with 64-bit longs), 120 bytes. */
struct statfs_k {
	long f_type;
	long f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	long f_namelen;
	long f_frsize;
	long f_flags;
	long f_spare[4];
};

/* vfs_statfs - fill @st for the file system holding @inode. 0 or -errno. */
static int vfs_statfs(struct inode *inode, struct statfs_k *st)
{
	struct super_block *sb = inode->i_sb;
	struct kstatfs k;
	int err = 0;

	memset(st, 0, sizeof(*st));
	memset(&k, 0, sizeof(k));
	if (sb && sb->s_op->statfs) {
		err = sb->s_op->statfs(sb, &k);
		st->f_fsid[0] = (int)sb->s_dev;
		if (sb->s_flags & SB_RDONLY)
			st->f_flags |= ST_RDONLY;
	} else {
		k.f_type = (inode->i_ino & PROC_INO_BASE) ? PROC_SUPER_MAGIC : RAMFS_MAGIC;
		k.f_bsize = k.f_frsize = PAGE_SIZE;
		k.f_namelen = NAME_MAX;
	}
	st->f_type = k.f_type;
	st->f_bsize = k.f_bsize;
	st->f_blocks = k.f_blocks;
	st->f_bfree = k.f_bfree;
	st->f_bavail = k.f_bavail;
	st->f_files = k.f_files;
	st->f_ffree = k.f_ffree;
	st->f_namelen = k.f_namelen;
	st->f_frsize = k.f_frsize ? k.f_frsize : k.f_bsize;
	return err;
}

/* sys_statfs - statfs(2) of the file system holding @pathname. 0 or -errno. */
long sys_statfs(const char __user *pathname, struct statfs_k __user *buf)
{
	struct inode *inode = user_path_at(AT_FDCWD, pathname);
	struct statfs_k st;
	int err;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	err = vfs_statfs(inode, &st);
	iput(inode);
	if (!err && copy_to_user(buf, &st, sizeof(st)))
		err = -EFAULT;
	return err;
}

/* sys_fstatfs - fstatfs(2) of the file system holding the file open as @fd. */
long sys_fstatfs(unsigned int fd, struct statfs_k __user *buf)
{
	struct file *file = fd > 0x7fffffffu ? NULL : fget((int)fd);
	struct statfs_k st;
	int err;

	if (!file)
		return -EBADF;
	err = vfs_statfs(file->f_inode, &st);
	fput(file);
	if (!err && copy_to_user(buf, &st, sizeof(st)))
		err = -EFAULT;
	return err;
}
