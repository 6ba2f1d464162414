/*
 * fs/fs_struct.c - a process's current directory: chdir, fchdir, getcwd (Linux's
 * fs/fs_struct.c, with chdir from fs/open.c and getcwd from fs/d_path.c).
 *
 * Without a dentry cache there is no way back from an inode to its name, so the current
 * directory is kept as the directory's inode (referenced: the directory lives, and a file
 * system under it cannot be unmounted) together with the canonical path the walk that reached
 * it wrote. getcwd returns that path. A directory renamed after chdir keeps its old path
 * here (Linux would show the new one); a removed one makes getcwd fail with -ENOENT, as Linux.
 */
#include "fs/fs.h"
#include "fs/namei.h"
#include "fs/inode.h"
#include "fs/file.h"
#include "fs/syscalls.h"
#include "mm/slab.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

/* kstrdup_path - a kmalloc'ed copy of @path. */
static char *kstrdup_path(const char *path)
{
	size_t len = strlen(path) + 1;
	char *copy = kmalloc(len, GFP_KERNEL);

	if (copy)
		memcpy(copy, path, len);
	return copy;
}

/* alloc_fs_struct - a new fs_struct at @pwd (referenced here) and @path. NULL if no memory. */
static struct fs_struct *alloc_fs_struct(struct inode *pwd, const char *path)
{
	struct fs_struct *fs = kmalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->pwd_path = kstrdup_path(path);
	if (!fs->pwd_path) {
		kfree(fs);
		return NULL;
	}
	fs->users = 1;
	fs->pwd = igrab(pwd);
	return fs;
}

struct fs_struct *fs_struct_root(void)
{
	return alloc_fs_struct(root_inode, "/");
}

struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	return old ? alloc_fs_struct(old->pwd, old->pwd_path) : fs_struct_root();
}

void put_fs_struct(struct fs_struct *fs)
{
	if (!fs || --fs->users > 0)
		return;
	iput(fs->pwd);
	kfree(fs->pwd_path);
	kfree(fs);
}

int set_fs_pwd(struct fs_struct *fs, struct inode *inode, const char *path)
{
	char *copy = kstrdup_path(path);

	if (!copy) {
		iput(inode);
		return -ENOMEM;
	}
	iput(fs->pwd);
	kfree(fs->pwd_path);
	fs->pwd = inode;
	fs->pwd_path = copy;
	return 0;
}

/* sys_chdir - make the directory @filename the current one. 0 or -errno: -ENOTDIR, -ENOENT,
 * -EFAULT, -ENAMETOOLONG, -ELOOP, -ENOMEM. */
long sys_chdir(const char __user *filename)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	struct inode *inode;
	long err;

	if (!path)
		return -ENOMEM;
	inode = user_path_at_path(AT_FDCWD, filename, path, PATH_MAX, LOOKUP_FOLLOW);
	if (IS_ERR(inode)) {
		err = PTR_ERR(inode);
	} else if (!S_ISDIR(inode->i_mode)) {
		iput(inode);
		err = -ENOTDIR;
	} else {
		err = set_fs_pwd(current->fs, inode, path);
	}
	kfree(path);
	return err;
}

/* sys_fchdir - make the directory open as @fd the current one. 0, -EBADF, -ENOTDIR, -ENOMEM. */
long sys_fchdir(unsigned int fd)
{
	struct file *file = fd > 0x7fffffffu ? NULL : fget((int)fd);
	long err;

	if (!file)
		return -EBADF;
	if (!S_ISDIR(file->f_inode->i_mode))
		err = -ENOTDIR;
	else
		err = set_fs_pwd(current->fs, igrab(file->f_inode), file->f_path);
	fput(file);
	return err;
}

/*
 * sys_getcwd - copy the current directory's path and its NUL to @buf. Returns the bytes
 * stored (with the NUL, as Linux), -ERANGE if @size is too small, -ENOENT if the directory
 * was removed, -EFAULT.
 */
long sys_getcwd(char __user *buf, unsigned long size)
{
	struct fs_struct *fs = current->fs;
	size_t len;

	if (!fs->pwd->i_nlink)
		return -ENOENT;
	len = strlen(fs->pwd_path) + 1;
	if (size < len)
		return -ERANGE;
	if (copy_to_user(buf, fs->pwd_path, len))
		return -EFAULT;
	return (long)len;
}
