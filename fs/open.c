/*
 * fs/open.c - open, openat, close, access (Linux's fs/open.c).
 *
 * Opening is a path walk to the inode (creating it for O_CREAT), then alloc_file() for a new
 * struct file, then the lowest free descriptor. The canonical path the walk found is kept in
 * f_path, which /proc/PID/maps shows for a mapping of the file.
 */
#include "fs/open.h"
#include "fs/namei.h"
#include "fs/inode.h"
#include "fs/file.h"
#include "fs/file_table.h"
#include "fs/ramfs.h"
#include "fs/syscalls.h"
#include "fs/pagemap.h"
#include "fs/mount.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"
#include "kernel/errno.h"
#include "kernel/time.h"

#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_PATH		010000000
#define F_OK		0
#define X_OK		1
#define W_OK		2
#define R_OK		4

/* Flags open() accepts (others are ignored by Linux as well, except O_PATH: refused here). */
#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | \
			  O_NONBLOCK | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | \
			  O_CLOEXEC | 04000000 /* O_SYNC/O_DSYNC */ | 01000000 /* O_NOATIME */)

/*
 * open_create - the O_CREAT half of an open: find or create the last component of the walk
 * in @nd (which stands at its directory). Returns the inode, referenced, or ERR_PTR.
 */
static struct inode *open_create(struct nameidata *nd, int flags, umode_t mode)
{
	struct inode *dir = nd->inode, *inode;

	if (!nd->last_len || nd->last_slash)
		return ERR_PTR(-EISDIR);		/* "/", "a/..", "a/": names a directory */
	inode = lookup_one_len(nd->last, dir, nd->last_len);
	if (!IS_ERR(inode)) {
		if (flags & O_EXCL) {
			iput(inode);
			return ERR_PTR(-EEXIST);
		}
		inode = follow_mount(inode);
		if (S_ISLNK(inode->i_mode)) {
			/* O_CREAT through a link opens (or creates) what it names, as Linux. */
			char name[NAME_MAX + 1];
			size_t len = nd->last_len;

			iput(inode);
			if (flags & O_NOFOLLOW)
				return ERR_PTR(-ELOOP);
			memcpy(name, nd->last, len);
			name[len] = '\0';
			if (path_walk(nd, name, LOOKUP_FOLLOW))
				return ERR_PTR(-ENOENT);	/* a dangling link: not created here */
			return igrab(nd->inode);
		}
	} else if (PTR_ERR(inode) == -ENOENT) {
		if (!dir->i_op || !dir->i_op->create)
			return ERR_PTR(-EACCES);
		inode = dir->i_op->create(dir, nd->last, nd->last_len,
					  S_IFREG | (mode & 07777 & ~CURRENT_UMASK));
	}
	if (!IS_ERR(inode))
		path_append(nd, nd->last, nd->last_len);
	return inode;
}

/* open_for_write - do open @flags ask for writing? */
static bool open_for_write(int flags)
{
	return (flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR;
}

/* may_open - may @inode be opened with @flags? 0, -EISDIR, -ENOTDIR or -EACCES. */
static int may_open(struct inode *inode, int flags)
{
	bool write = open_for_write(flags);

	if (S_ISDIR(inode->i_mode)) {
		if (write || (flags & O_CREAT))
			return -EISDIR;
	} else if (flags & O_DIRECTORY) {
		return -ENOTDIR;
	}
	if (write && S_ISREG(inode->i_mode) && inode->i_fop && !inode->i_fop->write)
		return -EACCES;				/* /proc files */
	if (S_ISLNK(inode->i_mode))
		return -ELOOP;				/* O_NOFOLLOW met a link */
	if ((write || (flags & O_TRUNC)) && IS_RDONLY(inode) &&
	    (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode)))
		return -EROFS;
	return 0;
}

struct file *do_filp_open(int dfd, const char *name, int flags, umode_t mode)
{
	struct nameidata nd;
	struct inode *inode;
	struct file *file;
	bool writer;
	char *path;
	int err;

	if ((flags & ~VALID_OPEN_FLAGS) || (flags & O_ACCMODE) == 3)
		return ERR_PTR(-EINVAL);
	path = kmalloc(sizeof(file->f_path), GFP_KERNEL);
	if (!path)
		return ERR_PTR(-ENOMEM);
	err = path_init(&nd, dfd, name, path, sizeof(file->f_path));
	if (err) {
		kfree(path);
		return ERR_PTR(err);
	}
	err = path_walk(&nd, name, (flags & O_CREAT) ? LOOKUP_PARENT :
				   (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	if (err) {
		file = ERR_PTR(err);
		goto out;
	}
	inode = (flags & O_CREAT) ? open_create(&nd, flags, mode) : igrab(nd.inode);
	if (IS_ERR(inode)) {
		file = ERR_PTR(PTR_ERR(inode));
		goto out;
	}
	err = may_open(inode, flags);
	writer = false;
	if (!err && open_for_write(flags) && S_ISREG(inode->i_mode)) {
		err = get_write_access(inode);	/* -ETXTBSY: a program runs it */
		writer = !err;
	}
	if (!err && (flags & O_TRUNC) && S_ISREG(inode->i_mode))
		err = do_truncate(inode, 0);
	/* Like Linux, the flags that only matter at open are not kept (F_GETFL). */
	file = err ? ERR_PTR(err)
		   : alloc_file(inode, flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC),
				path);
	if (writer && IS_ERR(file))
		put_write_access(inode);
	else if (writer)
		file->f_mode |= FMODE_WRITER;	/* its last fput gives the access back */
	iput(inode);
out:
	path_put(&nd);
	kfree(path);
	return file;
}

struct file *filp_open(const char *path, int flags, umode_t mode)
{
	return do_filp_open(AT_FDCWD, path, flags, mode);
}

/* sys_openat - open @filename (relative to @dfd) and return the lowest free descriptor for
 * it; O_CLOEXEC sets close-on-exec. Returns it or -errno (see do_filp_open; -EMFILE, -EFAULT). */
long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode)
{
	struct file *file;
	char *name = getname(filename);
	long fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	file = *name ? do_filp_open(dfd, name, flags, mode) : ERR_PTR(-ENOENT);
	putname(name);
	if (IS_ERR(file))
		return PTR_ERR(file);
	fd = f_dupfd(0, file, (unsigned int)flags);
	fput(file);		/* the descriptor holds the file now, or nothing does */
	return fd;
}

/* sys_open - openat(AT_FDCWD, ...). */
long sys_open(const char __user *filename, int flags, umode_t mode)
{
	return sys_openat(AT_FDCWD, filename, flags, mode);
}

/* sys_close - close @fd (the file is released with its last reference). 0 or -EBADF. */
long sys_close(unsigned int fd)
{
	return close_fd(fd);
}

/*
 * sys_faccessat - may the caller access @filename as @mode (F_OK, or R_OK|W_OK|X_OK)? Every
 * process is root: anything existing may be read and written, and executed if it is a
 * directory or has an x bit. Returns 0, -EINVAL for a bad @mode, -EACCES, or a lookup error.
 */
long sys_faccessat(int dfd, const char __user *filename, int mode)
{
	struct inode *inode;
	long ret = 0;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	inode = user_path_at(dfd, filename);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	if ((mode & X_OK) && !S_ISDIR(inode->i_mode) && !(inode->i_mode & 0111))
		ret = -EACCES;
	iput(inode);
	return ret;
}

/* sys_access - faccessat(AT_FDCWD, ...). */
long sys_access(const char __user *filename, int mode)
{
	return sys_faccessat(AT_FDCWD, filename, mode);
}
