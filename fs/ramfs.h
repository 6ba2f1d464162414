/*
 * fs/ramfs.h - the RAM file system: files whose only home is the page cache.
 */
#ifndef FAULTLINE_FS_RAMFS_H
#define FAULTLINE_FS_RAMFS_H

#include "fs/fs.h"

/* Largest ramfs file: 1 GiB (a write beyond it is -EFBIG). */
#define RAMFS_MAX_FILE_SIZE	(1L << 30)

/*
 * ramfs_get_inode - a new ramfs inode of @mode: a directory (whose ".." is @parent, or itself
 * if @parent is NULL), a regular file or a character device (number @rdev). The caller gets
 * the only reference. Returns it, ERR_PTR(-ENOMEM), or ERR_PTR(-EINVAL) for other file types.
 */
struct inode *ramfs_get_inode(struct inode *parent, umode_t mode, unsigned int rdev);

/*
 * ramfs_mknod - create @name (@len bytes) in ramfs directory @dir: see ramfs_get_inode.
 * Returns the new inode with a reference for the caller (the directory entry holds another),
 * or ERR_PTR(-EEXIST / -ENAMETOOLONG / -EINVAL / -ENOMEM).
 */
struct inode *ramfs_mknod(struct inode *dir, const char *name, size_t len, umode_t mode,
			  unsigned int rdev);

/*
 * ramfs_link - enter the existing @inode (of any file system: /proc is linked into the root
 * this way) as @name in ramfs directory @dir; the entry takes a reference.
 * Returns 0, -EEXIST, -ENAMETOOLONG, -EINVAL (a bad name) or -ENOMEM.
 */
int ramfs_link(struct inode *dir, const char *name, size_t len, struct inode *inode);

/*
 * ramfs_kill_tree - remove every entry under ramfs directory @dir (recursively) and drop the
 * caller's reference to it, freeing the tree. Only for a tree nothing else refers to (a
 * directory built by a self test, not linked anywhere).
 */
void ramfs_kill_tree(struct inode *dir);

#endif
