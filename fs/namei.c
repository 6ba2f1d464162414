/*
 * fs/namei.c - path name lookup (Linux's fs/namei.c, minus the dentry cache and symlinks),
 * the calls that add and remove names (mkdir, unlink, rmdir and their *at forms), and getcwd.
 *
 * Each step asks the directory's i_op->lookup for one component and gets the inode back with
 * a reference; the walk drops its reference to the directory it leaves. Permissions are not
 * checked: every process runs as root.
 */
#include "fs/namei.h"
#include "fs/inode.h"
#include "fs/file.h"
#include "fs/syscalls.h"
#include "fs/open.h"
#include "mm/slab.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

struct inode *root_inode;

char *getname(const char __user *filename)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, filename, PATH_MAX);
	if (len < 0) {
		kfree(name);
		return ERR_PTR(len);
	}
	return name;
}

void putname(char *name)
{
	kfree(name);
}

/* path_set - make nd->path @s (truncated to fit). */
static void path_set(struct nameidata *nd, const char *s)
{
	if (nd->path)
		strscpy(nd->path, s, nd->path_size);
}

void path_append(struct nameidata *nd, const char *name, size_t len)
{
	size_t cur;

	if (!nd->path || (len == 1 && name[0] == '.'))
		return;
	cur = strlen(nd->path);
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		char *slash = strrchr(nd->path, '/');

		/* "/a/b" -> "/a", "/a" -> "/" */
		if (slash)
			slash[slash == nd->path ? 1 : 0] = '\0';
		return;
	}
	if (cur > 1 && cur + 1 < nd->path_size)
		nd->path[cur++] = '/';
	else if (cur == 0 && nd->path_size > 1)
		nd->path[cur++] = '/';
	while (len-- && cur + 1 < nd->path_size)
		nd->path[cur++] = *name++;
	nd->path[cur] = '\0';
}

void path_init_at(struct nameidata *nd, struct inode *root, struct inode *start,
		  char *pathbuf, size_t size)
{
	nd->root = root;
	nd->inode = igrab(start);
	nd->last = NULL;
	nd->last_len = 0;
	nd->last_slash = false;
	nd->path = size ? pathbuf : NULL;
	nd->path_size = size;
	path_set(nd, "/");
}

int path_init(struct nameidata *nd, int dfd, const char *name, char *pathbuf, size_t size)
{
	struct file *file;

	if (name[0] == '/' || dfd == AT_FDCWD) {
		path_init_at(nd, root_inode, root_inode, pathbuf, size);
		return 0;
	}
	file = fget(dfd);
	if (!file)
		return -EBADF;
	if (!S_ISDIR(file->f_inode->i_mode)) {
		fput(file);
		return -ENOTDIR;
	}
	path_init_at(nd, root_inode, file->f_inode, pathbuf, size);
	path_set(nd, file->f_path);
	fput(file);
	return 0;
}

void path_put(struct nameidata *nd)
{
	iput(nd->inode);
	nd->inode = NULL;
}

struct inode *lookup_one_len(const char *name, struct inode *dir, size_t len)
{
	struct inode *inode;

	if (!S_ISDIR(dir->i_mode) || !dir->i_op || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	if (len == 1 && name[0] == '.')
		return igrab(dir);
	inode = dir->i_op->lookup(dir, name, len);
	return inode ? inode : ERR_PTR(-ENOENT);
}

/* is_dot_or_dotdot - is this component "." or ".."? */
static bool is_dot_or_dotdot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

int path_walk(struct nameidata *nd, const char *name, unsigned int flags)
{
	nd->last = NULL;
	nd->last_len = 0;
	nd->last_slash = false;
	nd->last_type = LAST_ROOT;
	if (!*name)
		return -ENOENT;
	if (*name == '/') {
		iput(nd->inode);
		nd->inode = igrab(nd->root);
		path_set(nd, "/");
	}
	for (;;) {
		const char *next;
		struct inode *inode;
		size_t len = 0;
		bool slash;

		while (*name == '/')
			name++;
		if (!*name)
			return 0;
		while (name[len] && name[len] != '/')
			len++;
		slash = name[len] == '/';
		for (next = name + len; *next == '/'; next++)
			;
		if ((flags & LOOKUP_PARENT) && !*next && !is_dot_or_dotdot(name, len)) {
			if (!S_ISDIR(nd->inode->i_mode))
				return -ENOTDIR;
			if (len > NAME_MAX)
				return -ENAMETOOLONG;
			nd->last = name;
			nd->last_len = len;
			nd->last_slash = slash;
			nd->last_type = LAST_NORM;
			return 0;
		}
		nd->last_type = !is_dot_or_dotdot(name, len) ? LAST_NORM :
				len == 1 ? LAST_DOT : LAST_DOTDOT;
		inode = lookup_one_len(name, nd->inode, len);
		if (IS_ERR(inode))
			return (int)PTR_ERR(inode);
		path_append(nd, name, len);
		iput(nd->inode);
		nd->inode = inode;
		if (slash && !S_ISDIR(inode->i_mode))
			return -ENOTDIR;
		name = next;
	}
}

struct inode *kern_path(const char *name)
{
	struct nameidata nd;
	struct inode *inode;
	int err;

	path_init_at(&nd, root_inode, root_inode, NULL, 0);
	err = path_walk(&nd, name, 0);
	if (err) {
		path_put(&nd);
		return ERR_PTR(err);
	}
	inode = nd.inode;		/* the walk's reference becomes the caller's */
	return inode;
}

struct inode *user_path_at(int dfd, const char __user *uname)
{
	struct nameidata nd;
	struct inode *inode;
	char *name = getname(uname);
	int err;

	if (IS_ERR(name))
		return ERR_PTR(PTR_ERR(name));
	err = path_init(&nd, dfd, name, NULL, 0);
	if (!err) {
		err = path_walk(&nd, name, 0);
		if (err)
			path_put(&nd);
	}
	putname(name);
	if (err)
		return ERR_PTR(err);
	inode = nd.inode;
	return inode;
}

/*
 * user_path_parent - copy the user path @uname and walk it from @dfd to the directory holding
 * its last component (LOOKUP_PARENT). On success returns 0 with *@namep the kernel copy (the
 * nd->last points into it) and @nd standing at the directory: the caller ends with
 * path_put(@nd) and putname(*@namep). Returns -EFAULT, -ENAMETOOLONG, -ENOENT (also for ""),
 * -ENOTDIR or -EBADF, holding nothing.
 */
static int user_path_parent(int dfd, const char __user *uname, struct nameidata *nd,
			    char **namep)
{
	char *name = getname(uname);
	int err;

	if (IS_ERR(name))
		return (int)PTR_ERR(name);
	if (!*name) {
		putname(name);
		return -ENOENT;
	}
	err = path_init(nd, dfd, name, NULL, 0);
	if (err) {
		putname(name);
		return err;
	}
	err = path_walk(nd, name, LOOKUP_PARENT);
	if (err) {
		path_put(nd);
		putname(name);
		return err;
	}
	*namep = name;
	return 0;
}

/*
 * do_mkdirat - mkdirat(): create the directory @pathname (relative to @dfd) with permissions
 * @mode less the umask. Returns 0 or -errno: -EEXIST (the name exists, or is "/", "." or
 * ".."), -ENOENT (a missing directory on the way, or a removed one), -ENOTDIR, -EFAULT,
 * -ENAMETOOLONG, -EBADF, -EPERM (the directory's file system makes no directories), -ENOMEM.
 */
static long do_mkdirat(int dfd, const char __user *pathname, umode_t mode)
{
	struct nameidata nd;
	struct inode *dir, *inode;
	char *name;
	long err = user_path_parent(dfd, pathname, &nd, &name);

	if (err)
		return err;
	dir = nd.inode;
	if (nd.last_type != LAST_NORM) {
		err = -EEXIST;
		goto out;
	}
	inode = lookup_one_len(nd.last, dir, nd.last_len);
	if (!IS_ERR(inode)) {
		iput(inode);
		err = -EEXIST;
	} else if (PTR_ERR(inode) != -ENOENT) {
		err = PTR_ERR(inode);
	} else if (!dir->i_op || !dir->i_op->mkdir) {
		err = -EPERM;
	} else {
		err = dir->i_op->mkdir(dir, nd.last, nd.last_len, mode & 01777 & ~CURRENT_UMASK);
	}
out:
	path_put(&nd);
	putname(name);
	return err;
}

/*
 * do_rmdir - rmdir(): remove the empty directory @pathname (relative to @dfd). Returns 0 or
 * -errno as Linux: -EINVAL for a last component ".", -ENOTEMPTY for ".." or a directory with
 * entries, -EBUSY for "/" (and a mount point), -ENOTDIR (not a directory), -ENOENT, -EFAULT,
 * -ENAMETOOLONG, -EBADF, -EPERM (the file system removes nothing).
 */
static long do_rmdir(int dfd, const char __user *pathname)
{
	struct nameidata nd;
	struct inode *dir, *victim;
	char *name;
	long err = user_path_parent(dfd, pathname, &nd, &name);

	if (err)
		return err;
	dir = nd.inode;
	switch (nd.last_type) {
	case LAST_DOTDOT:
		err = -ENOTEMPTY;
		goto out;
	case LAST_DOT:
		err = -EINVAL;
		goto out;
	case LAST_ROOT:
		err = -EBUSY;
		goto out;
	}
	victim = lookup_one_len(nd.last, dir, nd.last_len);
	if (IS_ERR(victim)) {
		err = PTR_ERR(victim);
		goto out;
	}
	if (!S_ISDIR(victim->i_mode))
		err = -ENOTDIR;
	else if (!dir->i_op->rmdir)
		err = -EPERM;
	else
		err = dir->i_op->rmdir(dir, nd.last, nd.last_len, victim);
	iput(victim);
out:
	path_put(&nd);
	putname(name);
	return err;
}

/*
 * do_unlinkat - unlink(): remove the name @pathname (relative to @dfd) of a non-directory.
 * The file itself lives on while it is open or mapped. Returns 0 or -errno as Linux: -EISDIR
 * (a directory, or a path ending in "/", "." or ".."), -ENOTDIR (a trailing slash after a
 * non-directory, or a non-directory on the way), -ENOENT, -EFAULT, -ENAMETOOLONG, -EBADF,
 * -EPERM (the file system removes nothing: /proc).
 */
static long do_unlinkat(int dfd, const char __user *pathname)
{
	struct nameidata nd;
	struct inode *dir, *victim;
	char *name;
	long err = user_path_parent(dfd, pathname, &nd, &name);

	if (err)
		return err;
	dir = nd.inode;
	if (nd.last_type != LAST_NORM) {
		err = -EISDIR;
		goto out;
	}
	victim = lookup_one_len(nd.last, dir, nd.last_len);
	if (IS_ERR(victim)) {
		err = PTR_ERR(victim);
		goto out;
	}
	if (S_ISDIR(victim->i_mode))
		err = -EISDIR;
	else if (nd.last_slash)
		err = -ENOTDIR;
	else if (!dir->i_op->unlink)
		err = -EPERM;
	else
		err = dir->i_op->unlink(dir, nd.last, nd.last_len, victim);
	iput(victim);
out:
	path_put(&nd);
	putname(name);
	return err;
}

long sys_mkdirat(int dfd, const char __user *pathname, umode_t mode)
{
	return do_mkdirat(dfd, pathname, mode);
}

long sys_mkdir(const char __user *pathname, umode_t mode)
{
	return do_mkdirat(AT_FDCWD, pathname, mode);
}

long sys_rmdir(const char __user *pathname)
{
	return do_rmdir(AT_FDCWD, pathname);
}

long sys_unlink(const char __user *pathname)
{
	return do_unlinkat(AT_FDCWD, pathname);
}

long sys_unlinkat(int dfd, const char __user *pathname, int flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	return (flag & AT_REMOVEDIR) ? do_rmdir(dfd, pathname) : do_unlinkat(dfd, pathname);
}

/* sys_getcwd - the current directory is always "/" (there is no chdir): copies "/" and its
 * NUL to @buf. Returns 2 (the bytes stored, as Linux), -ERANGE if @size < 2, or -EFAULT. */
long sys_getcwd(char __user *buf, unsigned long size)
{
	if (size < 2)
		return -ERANGE;
	if (copy_to_user(buf, "/", 2))
		return -EFAULT;
	return 2;
}
