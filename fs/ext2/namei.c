/*
 * fs/ext2/namei.c - the directory operations the VFS calls (Linux's ext2_dir_inode_operations):
 * lookup, create, unlink, mkdir, rmdir, rename, link, symlink, and readlink.
 *
 * Link counts: a file has one link per directory entry; a directory has two (its entry in the
 * parent and its own ".") plus one per subdirectory (their ".."). Every operation here keeps
 * them, i_blocks, the bitmaps and the free counts right, so e2fsck -fn finds nothing. Names are
 * (pointer, length) pairs, one path component each: "." and ".." are the VFS's business except
 * where noted.
 */
#include "fs/ext2/ext2.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"

/* check_name - -ENAMETOOLONG for a name ext2 cannot store, -ENOENT for an empty one. */
static int check_name(size_t len)
{
	if (len == 0)
		return -ENOENT;
	return len > EXT2_NAME_LEN ? -ENAMETOOLONG : 0;
}

/*
 * ext2_lookup - the inode @name names in @dir, referenced. ERR_PTR(-ENOENT) if none,
 * -ENAMETOOLONG, -ENOTDIR if @dir is not a directory, -EIO for a corrupt entry or inode.
 */
struct ext2_inode_info *ext2_lookup(struct ext2_inode_info *dir, const char *name, size_t len)
{
	unsigned long ino;
	int err = check_name(len);

	if (!err && !EXT2_S_ISDIR(dir->i_mode))
		err = -ENOTDIR;
	if (!err)
		err = ext2_inode_by_name(dir, name, len, &ino);
	if (err)
		return ERR_PTR(err);
	if (!ino || (ino != EXT2_ROOT_INO && ino < EXT2_SB(dir->i_sb)->s_first_ino)) {
		EXT2_ERROR(dir->i_sb, "directory #%lu: entry '%.*s' names bad inode %lu",
			   dir->i_ino, (int)len, name, ino);
		return ERR_PTR(-EIO);
	}
	return ext2_iget(dir->i_sb, ino);
}

/* ext2_name_free - 0 if @name is free in @dir, -EEXIST if taken, or another error. */
static int ext2_name_free(struct ext2_inode_info *dir, const char *name, size_t len)
{
	unsigned long ino;
	int err = check_name(len);

	if (err)
		return err;
	if (!EXT2_S_ISDIR(dir->i_mode))
		return -ENOTDIR;
	if (!dir->i_links_count)
		return -ENOENT;		/* a removed directory */
	err = ext2_inode_by_name(dir, name, len, &ino);
	if (err == -ENOENT)
		return 0;
	return err ? err : -EEXIST;
}

/* new_object - a new inode of @mode for the free name @name in @dir (the entry not yet made). */
static struct ext2_inode_info *new_object(struct ext2_inode_info *dir, const char *name,
					  size_t len, unsigned int mode)
{
	int err = ext2_check_rw(dir->i_sb);

	if (!err)
		err = ext2_name_free(dir, name, len);
	if (err)
		return ERR_PTR(err);
	return ext2_new_inode(dir, mode);
}

/* discard_new - drop a new inode that got no entry: with no links, its last put frees it. */
static void discard_new(struct ext2_inode_info *inode)
{
	inode->i_links_count = 0;
	ext2_iput(inode);
}

/* add_nondir - link the new @inode into @dir as @name; on failure the inode is dropped
 * (its last put frees it). Returns 0 or -errno; @inode stays referenced on success. */
static int add_nondir(struct ext2_inode_info *dir, const char *name, size_t len,
		      struct ext2_inode_info *inode)
{
	int err = ext2_write_inode(inode);

	if (!err)
		err = ext2_add_link(dir, name, len, inode);
	if (err)
		discard_new(inode);
	return err;
}

/*
 * ext2_create - a new, empty regular file (or device node, fifo, socket: @mode's type)
 * @name in @dir. Returns it referenced, or ERR_PTR(-EEXIST, -ENOSPC, -ENAMETOOLONG, -ENOTDIR,
 * -EROFS, -EIO, -ENOMEM).
 */
struct ext2_inode_info *ext2_create(struct ext2_inode_info *dir, const char *name, size_t len,
				    unsigned int mode)
{
	struct ext2_inode_info *inode;
	int err;

	if (!(mode & EXT2_S_IFMT))
		mode |= EXT2_S_IFREG;
	if (EXT2_S_ISDIR(mode) || EXT2_S_ISLNK(mode))
		return ERR_PTR(-EINVAL);
	inode = new_object(dir, name, len, mode);
	if (IS_ERR(inode))
		return inode;
	err = add_nondir(dir, name, len, inode);
	return err ? ERR_PTR(err) : inode;
}

/*
 * ext2_symlink - a new symbolic link @name in @dir to @target (NUL-terminated): a "fast"
 * link kept in i_block if shorter than i_block (60 bytes), else in a data block. Returns 0,
 * -ENAMETOOLONG (a target of a block or more), or as ext2_create.
 */
int ext2_symlink(struct ext2_inode_info *dir, const char *name, size_t len, const char *target)
{
	size_t tlen = strlen(target);
	struct ext2_inode_info *inode;
	ssize_t n;

	if (tlen + 1 > dir->i_sb->s_blocksize)
		return -ENAMETOOLONG;
	if (tlen == 0)
		return -ENOENT;
	inode = new_object(dir, name, len, EXT2_S_IFLNK | 0777);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	if (tlen < sizeof(inode->i_data)) {
		memcpy(inode->i_data, target, tlen);
		inode->i_size = tlen;
	} else {
		inode->i_size = tlen;	/* >= 60 bytes: a slow link, its block mapped */
		n = ext2_file_write(inode, target, tlen, 0);
		if (n != (ssize_t)tlen) {
			discard_new(inode);
			return n < 0 ? n : -EIO;
		}
	}
	n = add_nondir(dir, name, len, inode);
	if (!n)
		ext2_iput(inode);
	return n;
}

/*
 * ext2_readlink - copy the target of symlink @inode into @buf (at most @size bytes, no NUL).
 * Returns the bytes copied, -EINVAL if @inode is no symlink, -EIO.
 */
ssize_t ext2_readlink(struct ext2_inode_info *inode, char *buf, size_t size)
{
	size_t n = min((size_t)inode->i_size, size);

	if (!EXT2_S_ISLNK(inode->i_mode))
		return -EINVAL;
	if (ext2_inode_is_fast_symlink(inode)) {
		memcpy(buf, inode->i_data, n);
		return n;
	}
	return ext2_file_read(inode, buf, n, 0);
}

/*
 * ext2_link - a new name @name in @dir for the existing non-directory @inode. Returns 0,
 * -EPERM for a directory, -EMLINK, -EEXIST, -ENOENT (@inode has no links left), or as
 * ext2_create.
 */
int ext2_link(struct ext2_inode_info *inode, struct ext2_inode_info *dir, const char *name,
	      size_t len)
{
	int err = ext2_check_rw(dir->i_sb);

	if (err)
		return err;
	err = ext2_name_free(dir, name, len);	/* Linux's order: EEXIST before EPERM */
	if (err)
		return err;
	if (EXT2_S_ISDIR(inode->i_mode))
		return -EPERM;
	if (inode->i_links_count >= EXT2_LINK_MAX)
		return -EMLINK;
	if (!inode->i_links_count)
		return -ENOENT;
	err = ext2_add_link(dir, name, len, inode);
	if (err)
		return err;
	inode->i_links_count++;
	ext2_touch(inode, false);
	return ext2_write_inode(inode);
}

/*
 * ext2_mkdir - a new directory @name in @dir ("." and ".." in its first block; @dir gains a
 * link). Returns 0, -EMLINK, or as ext2_create.
 */
int ext2_mkdir(struct ext2_inode_info *dir, const char *name, size_t len, unsigned int mode)
{
	struct ext2_inode_info *inode;
	int err;

	if (dir->i_links_count >= EXT2_LINK_MAX)
		return -EMLINK;
	inode = new_object(dir, name, len, EXT2_S_IFDIR | (mode & 07777));
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	inode->i_links_count = 2;
	err = ext2_make_empty(inode, dir);
	if (!err)
		err = ext2_add_link(dir, name, len, inode);
	if (err) {
		discard_new(inode);
		return err;
	}
	dir->i_links_count++;
	ext2_write_inode(dir);
	ext2_iput(inode);
	return 0;
}

/*
 * lookup_victim - the inode @name names in @dir, for unlink, rmdir and rename (which change
 * the disk, and refuse "." and ".."). ERR_PTR(-EROFS), -EINVAL for ".", -ENOTEMPTY for "..",
 * else as ext2_lookup.
 */
static struct ext2_inode_info *lookup_victim(struct ext2_inode_info *dir, const char *name,
					     size_t len)
{
	int err = ext2_check_rw(dir->i_sb);

	if (err)
		return ERR_PTR(err);
	if (len == 1 && name[0] == '.')
		return ERR_PTR(-EINVAL);
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return ERR_PTR(-ENOTEMPTY);
	return ext2_lookup(dir, name, len);
}

/* drop_link - @inode lost a name: one link fewer (never below 0), ctime, written. */
static void drop_link(struct ext2_inode_info *inode)
{
	if (inode->i_links_count)
		inode->i_links_count--;
	ext2_touch(inode, false);
	ext2_write_inode(inode);
}

/*
 * ext2_unlink - remove the entry @name (not a directory) from @dir; the inode loses a link
 * and is freed when it has none and nobody holds it. Returns 0, -ENOENT, -EISDIR, -EROFS,
 * -EIO.
 */
int ext2_unlink(struct ext2_inode_info *dir, const char *name, size_t len)
{
	struct ext2_inode_info *inode = lookup_victim(dir, name, len);
	int err;

	if (IS_ERR(inode)) {
		err = PTR_ERR(inode);
		return err == -EINVAL || err == -ENOTEMPTY ? -EISDIR : err;	/* "." and ".." */
	}
	err = EXT2_S_ISDIR(inode->i_mode) ? -EISDIR : ext2_delete_entry(dir, name, len);
	if (!err)
		drop_link(inode);
	ext2_iput(inode);
	return err;
}

/*
 * ext2_rmdir - remove the empty directory @name from @dir. Returns 0, -ENOTDIR, -ENOTEMPTY,
 * -EINVAL (for "."), -ENOENT, -EROFS, -EIO.
 */
int ext2_rmdir(struct ext2_inode_info *dir, const char *name, size_t len)
{
	struct ext2_inode_info *inode = lookup_victim(dir, name, len);
	int err;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	if (!EXT2_S_ISDIR(inode->i_mode))
		err = -ENOTDIR;
	else
		err = ext2_empty_dir(inode);
	if (err == 1)
		err = ext2_delete_entry(dir, name, len);
	else if (err == 0)
		err = -ENOTEMPTY;
	if (!err) {
		inode->i_links_count = 0;
		ext2_touch(inode, false);
		ext2_write_inode(inode);
		drop_link(dir);
	}
	ext2_iput(inode);
	return err;
}

/*
 * is_ancestor - is directory @dir, or a directory above it, the directory @ino? Walks ".."
 * up to the root; a chain longer than any path can be (PATH_MAX 4096 bytes: at most 2048
 * levels) or than the file system has inodes is a corrupt loop (-EIO). Returns 1, 0, or
 * -errno.
 */
static int is_ancestor(struct ext2_inode_info *dir, unsigned long ino)
{
	unsigned long cur = dir->i_ino, parent;
	unsigned long steps = min(EXT2_SB(dir->i_sb)->s_inodes_count, 4096UL);
	struct ext2_inode_info *d = ext2_igrab(dir);
	int err;

	while (steps--) {
		if (cur == ino) {
			ext2_iput(d);
			return 1;
		}
		if (cur == EXT2_ROOT_INO) {
			ext2_iput(d);
			return 0;
		}
		err = ext2_inode_by_name(d, "..", 2, &parent);
		ext2_iput(d);
		if (err)
			return err == -ENOENT ? -EIO : err;
		d = ext2_iget(dir->i_sb, parent);
		if (IS_ERR(d))
			return PTR_ERR(d);
		if (!EXT2_S_ISDIR(d->i_mode)) {
			ext2_iput(d);
			return -EIO;
		}
		cur = parent;
	}
	ext2_iput(d);
	EXT2_ERROR(dir->i_sb, "directory loop above #%lu", dir->i_ino);
	return -EIO;
}

/* check_rename_target - may @old (the source) replace @new_inode? 0, -ENOTDIR, -EISDIR,
 * -ENOTEMPTY, -EIO. */
static int check_rename_target(struct ext2_inode_info *old, struct ext2_inode_info *new_inode)
{
	int empty;

	if (EXT2_S_ISDIR(old->i_mode) && !EXT2_S_ISDIR(new_inode->i_mode))
		return -ENOTDIR;
	if (!EXT2_S_ISDIR(old->i_mode) && EXT2_S_ISDIR(new_inode->i_mode))
		return -EISDIR;
	if (!EXT2_S_ISDIR(new_inode->i_mode))
		return 0;
	empty = ext2_empty_dir(new_inode);
	if (empty < 0)
		return empty;
	return empty ? 0 : -ENOTEMPTY;
}

/*
 * ext2_rename - rename(2) within one ext2: the entry @old_name of @old_dir becomes @new_name
 * of @new_dir, replacing what was there (a non-directory by a non-directory, an empty
 * directory by a directory). A directory moved to another parent gets its ".." rewritten and
 * the parents' link counts follow. Returns 0 (also when both names are links to one inode:
 * nothing happens, as POSIX says), -ENOENT, -EINVAL (a directory into itself or below, "." or
 * ".."), -ENOTDIR, -EISDIR, -ENOTEMPTY, -EMLINK, -ENAMETOOLONG, -ENOSPC, -EROFS, -EIO.
 */
int ext2_rename(struct ext2_inode_info *old_dir, const char *old_name, size_t old_len,
		struct ext2_inode_info *new_dir, const char *new_name, size_t new_len)
{
	struct ext2_inode_info *old, *new_inode = NULL;
	bool isdir;
	int err;

	if (!EXT2_S_ISDIR(new_dir->i_mode))
		return -ENOTDIR;
	if (!new_dir->i_links_count)
		return -ENOENT;		/* a removed directory */
	old = lookup_victim(old_dir, old_name, old_len);
	if (IS_ERR(old))
		return PTR_ERR(old) == -ENOTEMPTY ? -EINVAL : PTR_ERR(old);
	isdir = EXT2_S_ISDIR(old->i_mode);
	new_inode = lookup_victim(new_dir, new_name, new_len);
	if (IS_ERR(new_inode)) {
		err = PTR_ERR(new_inode);
		new_inode = NULL;
		if (err == -ENOTEMPTY)
			err = -EINVAL;
		if (err != -ENOENT)
			goto out;
		err = check_name(new_len);
		if (err)
			goto out;
	}
	if (new_inode == old)
		goto out;		/* err is 0 */
	if (isdir && new_dir != old_dir) {
		err = is_ancestor(new_dir, old->i_ino);
		if (err)
			goto out_loop;
		if (!new_inode && new_dir->i_links_count >= EXT2_LINK_MAX) {
			err = -EMLINK;
			goto out;
		}
	}
	if (new_inode) {
		/* A target above the source is not empty (Linux says so before the types). */
		err = EXT2_S_ISDIR(new_inode->i_mode) ? is_ancestor(old_dir, new_inode->i_ino) : 0;
		if (err == 1)
			err = -ENOTEMPTY;
		if (!err)
			err = check_rename_target(old, new_inode);
		if (!err)
			err = ext2_set_link(new_dir, new_name, new_len, old);
		if (err)
			goto out;
		if (isdir) {
			new_inode->i_links_count = 0;	/* its "." goes with it */
			ext2_touch(new_inode, false);
			ext2_write_inode(new_inode);
		} else {
			drop_link(new_inode);
		}
	} else {
		err = ext2_add_link(new_dir, new_name, new_len, old);
		if (err)
			goto out;
		if (isdir) {
			new_dir->i_links_count++;
			ext2_write_inode(new_dir);
		}
	}
	err = ext2_delete_entry(old_dir, old_name, old_len);
	if (err)
		goto out;
	ext2_touch(old, false);
	ext2_write_inode(old);
	if (isdir) {
		if (old_dir != new_dir)
			err = ext2_set_link(old, "..", 2, new_dir);
		drop_link(old_dir);
	}
	goto out;
out_loop:
	if (err == 1)
		err = -EINVAL;
out:
	ext2_iput(new_inode);
	ext2_iput(old);
	return err;
}
