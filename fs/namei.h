/*
 * fs/namei.h - from a path name to an inode (Linux's fs/namei.c, without the dentry cache).
 *
 * A walk starts at the root ("/...") or at a directory (relative names: the process's current
 * directory, or the directory a dirfd refers to) and looks each component up in the directory
 * reached so far through its i_op->lookup. "." stays, ".." goes to the parent (the root is
 * its own parent), repeated slashes count as one. A directory with a file system mounted on
 * it leads into that file system's root, and ".." from that root back to the mount point's
 * parent (fs/mount.h). A symbolic link met in the middle of a path is followed (its target
 * walked from the link's directory, or from the root if absolute); one in the last place only
 * with LOOKUP_FOLLOW (stat follows, lstat does not). As it goes, the walk writes the canonical
 * absolute path of where it is, which open() keeps in f_path for /proc/PID/maps and chdir for
 * getcwd.
 */
#ifndef FAULTLINE_FS_NAMEI_H
#define FAULTLINE_FS_NAMEI_H

#include "fs/fs.h"

#define PATH_MAX	4096		/* bytes in a path, with its NUL */
#define NAME_MAX	255		/* bytes in one component */

#define LOOKUP_PARENT	0x1		/* stop before the last component (open with O_CREAT) */
#define LOOKUP_FOLLOW	0x2		/* follow a symbolic link in the last component too */

#define MAXSYMLINKS	40		/* links one walk may follow (Linux's), then -ELOOP */
#define MAX_NESTED_LINKS 8		/* links within links, each a level of recursion */

/* What the last component of a LOOKUP_PARENT walk was (Linux's LAST_* types). */
enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/* The root directory: where every absolute path starts (set by vfs_init). */
extern struct inode *root_inode;

struct nameidata {
	struct inode *root;		/* where "/" leads (lives forever: not referenced) */
	struct inode *inode;		/* where the walk is (referenced; path_put drops it) */
	const char *last;		/* LOOKUP_PARENT: the last component, not NUL-terminated, */
	size_t last_len;		/*   and its length; 0 if the path names a directory */
	bool last_slash;		/*   itself ("/", "a/.", "a/.."); a slash followed it */
	int last_type;			/* LAST_NORM (nd->last is set), LAST_ROOT ("/"), */
					/*   LAST_DOT ("a/."), LAST_DOTDOT ("a/..") */
	char *path;			/* the canonical path so far (NULL: not wanted) */
	size_t path_size;
	unsigned int total_links;	/* symbolic links followed so far */
	unsigned int depth;		/* links being followed within links */
};

/*
 * getname - copy the user path @filename into a new PATH_MAX kernel buffer (free it with
 * putname). Returns the buffer, ERR_PTR(-EFAULT) for a bad pointer or ERR_PTR(-ENAMETOOLONG).
 * An empty name is returned as such; callers decide (usually -ENOENT).
 */
char *getname(const char __user *filename);
void putname(char *name);

/*
 * path_init - start a walk of @name: at the root if it is absolute or @dfd is AT_FDCWD, else
 * at the directory open as @dfd. @pathbuf (may be NULL) receives the canonical path.
 * Returns 0, -EBADF if @dfd is not open, -ENOTDIR if it is not a directory.
 */
int path_init(struct nameidata *nd, int dfd, const char *name, char *pathbuf, size_t size);

/* path_init_at - start a walk at @start with @root as "/" (for kernel callers and tests). */
void path_init_at(struct nameidata *nd, struct inode *root, struct inode *start,
		  char *pathbuf, size_t size);

/*
 * path_walk - walk @name from where @nd stands; with LOOKUP_PARENT stop at the directory
 * holding the last component (nd->last), or, if that is "." or ".." (nd->last_type), walk
 * through it; with LOOKUP_FOLLOW follow a symbolic link in the last place. Returns 0 with the
 * result in nd->inode, or -ENOENT, -ENOTDIR (a non-directory in the middle, or before a
 * trailing slash), -ENAMETOOLONG, -ELOOP (too many links), -EIO, -ENOMEM.
 * Either way nd->inode stays referenced until path_put().
 */
int path_walk(struct nameidata *nd, const char *name, unsigned int flags);
void path_put(struct nameidata *nd);

/* path_append - add component @name (@len bytes) to nd->path: "." stays, ".." goes up. */
void path_append(struct nameidata *nd, const char *name, size_t len);

/*
 * lookup_one_len - the entry @name (@len bytes) of directory @dir, referenced. Returns it, or
 * ERR_PTR(-ENOENT), ERR_PTR(-ENOTDIR) if @dir is not a directory, ERR_PTR(-ENAMETOOLONG).
 */
struct inode *lookup_one_len(const char *name, struct inode *dir, size_t len);

/* kern_path - look up the kernel string @name (relative names start at the current
 * directory), following links; referenced inode or ERR_PTR as path_walk. */
struct inode *kern_path(const char *name);

/*
 * user_path_at - look up the user string @name from @dfd (see path_init), following links.
 * Returns the inode, referenced, or ERR_PTR: -EFAULT, -ENAMETOOLONG, -ENOENT (also for ""),
 * -EBADF, -ENOTDIR, -ELOOP.
 * user_path_at_flags - the same with the walk's @flags (0: a link in the last place is not
 * followed; LOOKUP_FOLLOW).
 * user_path_at_path - the same, writing the canonical path reached into @pathbuf (@size).
 */
struct inode *user_path_at(int dfd, const char __user *name);
struct inode *user_path_at_flags(int dfd, const char __user *name, unsigned int flags);
struct inode *user_path_at_path(int dfd, const char __user *name, char *pathbuf, size_t size,
				unsigned int flags);

#endif
