/*
 * fs/namei.c - path name lookup (Linux's fs/namei.c, minus the dentry cache), and the calls
 * that add, change and remove names: mkdir, rmdir, unlink, mknod, symlink, readlink, link,
 * rename and their *at forms.
 *
 * Each step asks the directory's i_op->lookup for one component and gets the inode back with
 * a reference; the walk drops its reference to the directory it leaves. Permissions are not
 * checked: every process runs as root.
 */
#include "fs/namei.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "kernel/sched.h"
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
	struct fs_struct *fs = current ? current->fs : NULL;
	struct file *file;

	if (name[0] == '/' || (dfd == AT_FDCWD && !fs)) {
		path_init_at(nd, root_inode, root_inode, pathbuf, size);
		return 0;
	}
	if (dfd == AT_FDCWD) {
		path_init_at(nd, root_inode, fs->pwd, pathbuf, size);
		path_set(nd, fs->pwd_path);
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

static int link_path_walk(struct nameidata *nd, const char *name, unsigned int flags);

/*
 * follow_link - the walk standing in directory nd->inode met the symbolic link @link: go on
 * at what its target names (from the root if the target is absolute, else from this
 * directory), following links to the end. Returns 0 (nd->inode is where the target led) or
 * -ELOOP (more than MAXSYMLINKS links in one walk, or nested deeper than MAX_NESTED_LINKS),
 * -ENOMEM, -EIO, or the walk's error.
 */
static int follow_link(struct nameidata *nd, struct inode *link)
{
	char *target;
	ssize_t len;
	int err;

	if (!link->i_op || !link->i_op->readlink)
		return -EINVAL;
	if (++nd->total_links > MAXSYMLINKS || nd->depth >= MAX_NESTED_LINKS)
		return -ELOOP;
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	len = link->i_op->readlink(link, target, PATH_MAX - 1);
	if (len < 0) {
		kfree(target);
		return (int)len;
	}
	target[len] = '\0';
	if (!len) {
		kfree(target);
		return -ENOENT;
	}
	nd->depth++;
	err = link_path_walk(nd, target, LOOKUP_FOLLOW);
	nd->depth--;
	kfree(target);
	return err;
}

/*
 * walk_dotdot - step to the parent of nd->inode: nowhere from the walk's root, across to the
 * mount point from a mounted file system's root. Returns 0 or a lookup error.
 */
static int walk_dotdot(struct nameidata *nd)
{
	struct inode *parent;

	if (nd->inode == nd->root)
		return 0;
	nd->inode = follow_dotdot_mount(nd->inode);
	parent = lookup_one_len("..", nd->inode, 2);
	if (IS_ERR(parent))
		return (int)PTR_ERR(parent);
	path_append(nd, "..", 2);
	iput(nd->inode);
	nd->inode = follow_mount(parent);
	return 0;
}

/* link_path_walk - path_walk's loop, re-entered for each symbolic link's target. */
static int link_path_walk(struct nameidata *nd, const char *name, unsigned int flags)
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
		int err;

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
		if (nd->last_type == LAST_DOTDOT) {
			if (!S_ISDIR(nd->inode->i_mode))
				return -ENOTDIR;
			err = walk_dotdot(nd);
			if (err)
				return err;
			name = next;
			continue;
		}
		inode = lookup_one_len(name, nd->inode, len);
		if (IS_ERR(inode))
			return (int)PTR_ERR(inode);
		inode = follow_mount(inode);
		if (S_ISLNK(inode->i_mode) && (*next || slash || (flags & LOOKUP_FOLLOW))) {
			err = follow_link(nd, inode);	/* nd->inode: the link's directory */
			iput(inode);
			if (err)
				return err;
		} else {
			path_append(nd, name, len);
			iput(nd->inode);
			nd->inode = inode;
		}
		if (slash && !S_ISDIR(nd->inode->i_mode))
			return -ENOTDIR;
		name = next;
	}
}

int path_walk(struct nameidata *nd, const char *name, unsigned int flags)
{
	nd->total_links = 0;
	nd->depth = 0;
	return link_path_walk(nd, name, flags);
}

struct inode *kern_path(const char *name)
{
	struct nameidata nd;
	int err = path_init(&nd, AT_FDCWD, name, NULL, 0);

	if (!err) {
		err = path_walk(&nd, name, LOOKUP_FOLLOW);
		if (err)
			path_put(&nd);
	}
	return err ? ERR_PTR(err) : nd.inode;	/* the walk's reference becomes the caller's */
}

struct inode *user_path_at_path(int dfd, const char __user *uname, char *pathbuf, size_t size,
				unsigned int flags)
{
	struct nameidata nd;
	char *name = getname(uname);
	int err;

	if (IS_ERR(name))
		return ERR_PTR(PTR_ERR(name));
	err = *name ? path_init(&nd, dfd, name, pathbuf, size) : -ENOENT;
	if (!err) {
		err = path_walk(&nd, name, flags);
		if (err)
			path_put(&nd);
	}
	putname(name);
	return err ? ERR_PTR(err) : nd.inode;
}

struct inode *user_path_at_flags(int dfd, const char __user *uname, unsigned int flags)
{
	return user_path_at_path(dfd, uname, NULL, 0, flags);
}

struct inode *user_path_at(int dfd, const char __user *uname)
{
	return user_path_at_flags(dfd, uname, LOOKUP_FOLLOW);
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
 * may_create - may the last component of @nd (standing at its directory) be created? 0 if
 * it names nothing yet on a writable file system; else -EEXIST (it exists, or is "/", "." or
 * ".."), the lookup's error, or -EROFS - in Linux's order (filename_create).
 */
static int may_create(struct nameidata *nd)
{
	struct inode *inode;

	if (nd->last_type != LAST_NORM)
		return -EEXIST;
	inode = lookup_one_len(nd->last, nd->inode, nd->last_len);
	if (!IS_ERR(inode)) {
		iput(inode);
		return -EEXIST;
	}
	if (PTR_ERR(inode) != -ENOENT)
		return (int)PTR_ERR(inode);
	return IS_RDONLY(nd->inode) ? -EROFS : 0;
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
	struct inode *dir;
	char *name;
	long err = user_path_parent(dfd, pathname, &nd, &name);

	if (err)
		return err;
	dir = nd.inode;
	err = may_create(&nd);
	if (!err && (!dir->i_op || !dir->i_op->mkdir))
		err = -EPERM;
	if (!err)
		err = dir->i_op->mkdir(dir, nd.last, nd.last_len, mode & 01777 & ~CURRENT_UMASK);
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
	else if (victim->i_mounted)
		err = -EBUSY;
	else if (IS_RDONLY(dir))
		err = -EROFS;
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
	else if (IS_RDONLY(dir))
		err = -EROFS;
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

/* lookup_last - the inode the last component of @nd names, or ERR_PTR(-ENOENT) etc.
 * (a mount point is returned as itself: the directory covered, not the mounted root). */
static struct inode *lookup_last(struct nameidata *nd)
{
	return lookup_one_len(nd->last, nd->inode, nd->last_len);
}

/*
 * do_mknodat - mknodat(): create a regular file, FIFO, socket or device node @pathname.
 * Returns 0 or -errno: -EEXIST, -EINVAL (a type mknod does not make), -EPERM (a directory:
 * mkdir makes those; or the file system cannot), -ENOENT, -ENOTDIR, -EROFS, -ENOSPC.
 */
static long do_mknodat(int dfd, const char __user *pathname, umode_t mode, unsigned int dev)
{
	struct nameidata nd;
	struct inode *dir;
	char *name;
	long err;

	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	switch (mode & S_IFMT) {
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	err = user_path_parent(dfd, pathname, &nd, &name);
	if (err)
		return err;
	dir = nd.inode;
	err = may_create(&nd);
	if (!err && (!dir->i_op || !dir->i_op->mknod))
		err = -EPERM;
	if (!err)
		err = dir->i_op->mknod(dir, nd.last, nd.last_len,
				       (mode & S_IFMT) | (mode & 07777 & ~CURRENT_UMASK), dev);
	path_put(&nd);
	putname(name);
	return err;
}

long sys_mknodat(int dfd, const char __user *pathname, umode_t mode, unsigned int dev)
{
	return do_mknodat(dfd, pathname, mode, dev);
}

long sys_mknod(const char __user *pathname, umode_t mode, unsigned int dev)
{
	return do_mknodat(AT_FDCWD, pathname, mode, dev);
}

/*
 * sys_symlinkat - symlinkat(): make @newname (relative to @newdfd) a symbolic link to the
 * string @oldname. Returns 0 or -errno: -ENOENT (@oldname empty, or a directory missing),
 * -EEXIST, -EPERM (the file system has no symbolic links), -EROFS, -ENOSPC, -ENAMETOOLONG.
 */
long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	struct nameidata nd;
	struct inode *dir;
	char *target = getname(oldname), *name;
	long err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	if (!*target) {
		putname(target);
		return -ENOENT;
	}
	err = user_path_parent(newdfd, newname, &nd, &name);
	if (err) {
		putname(target);
		return err;
	}
	dir = nd.inode;
	err = may_create(&nd);
	if (!err && !dir->i_op->symlink)
		err = -EPERM;
	if (!err)
		err = dir->i_op->symlink(dir, nd.last, nd.last_len, target);
	path_put(&nd);
	putname(name);
	putname(target);
	return err;
}

long sys_symlink(const char __user *oldname, const char __user *newname)
{
	return sys_symlinkat(oldname, AT_FDCWD, newname);
}

/*
 * sys_readlinkat - readlinkat(): copy the target of the symbolic link @pathname into @buf, at
 * most @bufsiz bytes, no NUL. Returns the bytes copied or -errno: -EINVAL (not a link, or
 * @bufsiz <= 0), -ENOENT, -ENOTDIR, -EFAULT, -EIO.
 */
long sys_readlinkat(int dfd, const char __user *pathname, char __user *buf, int bufsiz)
{
	struct inode *inode;
	char *kbuf;
	ssize_t len;

	if (bufsiz <= 0)
		return -EINVAL;
	inode = user_path_at_flags(dfd, pathname, 0);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	if (!S_ISLNK(inode->i_mode) || !inode->i_op || !inode->i_op->readlink) {
		iput(inode);
		return -EINVAL;
	}
	kbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!kbuf) {
		iput(inode);
		return -ENOMEM;
	}
	len = inode->i_op->readlink(inode, kbuf, min((size_t)bufsiz, (size_t)PATH_MAX));
	iput(inode);
	if (len > 0 && copy_to_user(buf, kbuf, (size_t)len))
		len = -EFAULT;
	kfree(kbuf);
	return len;
}

long sys_readlink(const char __user *pathname, char __user *buf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, pathname, buf, bufsiz);
}

/*
 * sys_linkat - linkat(): give the existing file @oldname (relative to @olddfd; a symbolic
 * link in the last place is followed only with AT_SYMLINK_FOLLOW) the new name @newname.
 * Returns 0 or -errno: -EPERM (a directory, or no hard links here), -EXDEV (another file
 * system), -EEXIST, -ENOENT, -EMLINK, -EROFS, -ENOSPC, -EINVAL (unknown @flags).
 */
long sys_linkat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
		int flags)
{
	struct nameidata nd;
	struct inode *old, *dir;
	char *name;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	old = user_path_at_flags(olddfd, oldname, (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0);
	if (IS_ERR(old))
		return PTR_ERR(old);
	err = user_path_parent(newdfd, newname, &nd, &name);
	if (err) {
		iput(old);
		return err;
	}
	dir = nd.inode;
	err = may_create(&nd);
	if (!err && old->i_sb != dir->i_sb)
		err = -EXDEV;
	else if (!err && (S_ISDIR(old->i_mode) || !dir->i_op->link))
		err = -EPERM;
	if (!err)
		err = dir->i_op->link(old, dir, nd.last, nd.last_len);
	path_put(&nd);
	putname(name);
	iput(old);
	return err;
}

long sys_link(const char __user *oldname, const char __user *newname)
{
	return sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

/*
 * is_ancestor - is directory @dir (or one of its parents, up to the root) the directory
 * @ancestor? Walks ".." upwards, crossing mounts. Returns 1, 0 or -errno.
 */
static int is_ancestor(struct inode *ancestor, struct inode *dir)
{
	struct nameidata nd;
	int ret = 0;

	path_init_at(&nd, root_inode, dir, NULL, 0);
	for (;;) {
		if (nd.inode == ancestor) {
			ret = 1;
			break;
		}
		if (nd.inode == root_inode)
			break;
		ret = walk_dotdot(&nd);
		if (ret)
			break;
	}
	path_put(&nd);
	return ret;
}

#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

/*
 * sys_renameat2 - renameat2(): move @oldname (relative to @olddfd) to @newname (relative to
 * @newdfd), replacing what that names, as Linux checks it: -EXDEV (another file system),
 * -EISDIR (a directory over a non-directory: no, the other way), -ENOTDIR, -ENOTEMPTY (over a
 * directory with entries), -EINVAL (a directory into itself or below, or unsupported
 * @flags: RENAME_EXCHANGE and RENAME_WHITEOUT), -EEXIST (RENAME_NOREPLACE and the target
 * exists), -EBUSY ("." or "..", a mount point), -ENOENT, -EROFS, -ENOSPC. Renaming a file to
 * another name of itself does nothing and returns 0.
 */
long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags)
{
	struct nameidata ond, nnd;
	struct inode *source = NULL, *target = NULL;
	char *oname, *nname;
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if (flags & (RENAME_EXCHANGE | RENAME_WHITEOUT))
		return (flags & RENAME_EXCHANGE) && (flags & RENAME_NOREPLACE) ? -EINVAL : -EINVAL;
	err = user_path_parent(olddfd, oldname, &ond, &oname);
	if (err)
		return err;
	err = user_path_parent(newdfd, newname, &nnd, &nname);
	if (err)
		goto out_old;
	if (ond.last_type != LAST_NORM || nnd.last_type != LAST_NORM) {
		err = -EBUSY;
		goto out;
	}
	source = lookup_last(&ond);
	if (IS_ERR(source)) {
		err = PTR_ERR(source);
		source = NULL;
		goto out;
	}
	target = lookup_last(&nnd);
	if (IS_ERR(target)) {
		err = PTR_ERR(target);
		target = NULL;
		if (err != -ENOENT)
			goto out;
	}
	err = 0;
	if (ond.inode->i_sb != nnd.inode->i_sb || ond.inode->i_op != nnd.inode->i_op)
		err = -EXDEV;
	else if (target && (flags & RENAME_NOREPLACE))
		err = -EEXIST;
	else if (!S_ISDIR(source->i_mode) && (ond.last_slash || nnd.last_slash))
		err = -ENOTDIR;
	else if (source == target)
		goto out;			/* two names of one file: nothing to do */
	else if (source->i_mounted || (target && target->i_mounted))
		err = -EBUSY;
	else if (S_ISDIR(source->i_mode) && target && !S_ISDIR(target->i_mode))
		err = -ENOTDIR;
	else if (!S_ISDIR(source->i_mode) && target && S_ISDIR(target->i_mode))
		err = -EISDIR;
	else if (IS_RDONLY(nnd.inode))
		err = -EROFS;
	else if (!nnd.inode->i_op->rename)
		err = -EPERM;
	if (!err && S_ISDIR(source->i_mode) && ond.inode != nnd.inode) {
		int r = is_ancestor(source, nnd.inode);

		err = r < 0 ? r : r ? -EINVAL : 0;
	}
	if (!err)
		err = nnd.inode->i_op->rename(ond.inode, ond.last, ond.last_len,
					      nnd.inode, nnd.last, nnd.last_len, source, target);
out:
	iput(source);
	iput(target);
	path_put(&nnd);
	putname(nname);
out_old:
	path_put(&ond);
	putname(oname);
	return err;
}

long sys_renameat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname)
{
	return sys_renameat2(olddfd, oldname, newdfd, newname, 0);
}

long sys_rename(const char __user *oldname, const char __user *newname)
{
	return sys_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
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
