/*
 * fs/ramfs.c - the RAM file system (Linux's fs/ramfs): the page cache with names on it.
 *
 * Seed concept: file-backed memory. A ramfs regular file has no disk behind it: its data is
 * exactly its page cache (mm/filemap.c). write() copies into cache pages - allocated, zeroed,
 * on first touch - and grows i_size; read() copies out of them, and a hole (a page never
 * written) reads as zeros without allocating anything; mmap() maps the same pages. The pages
 * are never written back (no a_ops->writepage) and never dropped while the file exists.
 *
 * A directory is a list of (name, inode) entries; each entry holds a reference to its inode.
 * unlink and rmdir remove an entry and drop that reference: an unlinked file that is still
 * open or mapped lives on (i_nlink 0) until its last reference frees it and its pages. A
 * removed directory is empty; its entry list is freed at once and i_private set to NULL,
 * which marks it dead (Linux's S_DEAD): a descriptor still open on it lists nothing and
 * creates nothing (-ENOENT).
 */
#include "fs/ramfs.h"
#include "fs/pagemap.h"
#include "fs/inode.h"
#include "fs/namei.h"
#include "fs/readdir.h"
#include "fs/char_dev.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"

struct ramfs_dirent {
	struct list_head list;		/* in ramfs_dir.entries, in creation order */
	struct inode *inode;		/* referenced */
	size_t len;
	char name[];			/* NUL-terminated */
};

struct ramfs_dir {			/* a directory inode's i_private */
	struct list_head entries;
	struct inode *parent;		/* "..": the root's is itself (not referenced) */
};

static const struct inode_operations ramfs_dir_inode_operations;
static const struct inode_operations ramfs_symlink_inode_operations;
static const struct file_operations ramfs_dir_operations;
static const struct file_operations ramfs_file_operations;

/* No readpage (a page not cached is a hole: zero-filled), no writepage (nowhere to write). */
static const struct address_space_operations ramfs_aops = { 0 };

/* ramfs_find - the entry @name in @dir, or NULL (also if @dir was removed). */
static struct ramfs_dirent *ramfs_find(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dir *d = dir->i_private;
	struct ramfs_dirent *de;

	if (!d)
		return NULL;
	list_for_each_entry(de, &d->entries, list)
		if (de->len == len && memcmp(de->name, name, len) == 0)
			return de;
	return NULL;
}

/* ramfs_lookup - i_op->lookup: "..", or an entry; referenced, or NULL if there is none
 * (a removed directory has nothing, not even ".."). */
static struct inode *ramfs_lookup(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *de;

	if (len == 1 && name[0] == '.')
		return igrab(dir);
	if (!dir->i_private)
		return NULL;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return igrab(((struct ramfs_dir *)dir->i_private)->parent);
	de = ramfs_find(dir, name, len);
	return de ? igrab(de->inode) : NULL;
}

/* valid_name - may @name be a new entry? Returns 0, -ENAMETOOLONG or -EINVAL. */
static int valid_name(const char *name, size_t len)
{
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (len == 0 || memchr(name, '/', len) || memchr(name, '\0', len))
		return -EINVAL;
	return 0;
}

int ramfs_link(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct ramfs_dir *d = dir->i_private;
	struct ramfs_dirent *de;
	int err = valid_name(name, len);

	if (err)
		return err;
	if (!d)
		return -ENOENT;			/* @dir was removed */
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.') ||
	    ramfs_find(dir, name, len))
		return -EEXIST;
	de = kmalloc(sizeof(*de) + len + 1, GFP_KERNEL);
	if (!de)
		return -ENOMEM;
	memcpy(de->name, name, len);
	de->name[len] = '\0';
	de->len = len;
	de->inode = igrab(inode);
	list_add_tail(&de->list, &d->entries);
	if (S_ISDIR(inode->i_mode))
		dir->i_nlink++;			/* the subdirectory's ".." */
	dir->i_mtime_ns = ktime_get_real_ns();
	return 0;
}

struct inode *ramfs_get_inode(struct inode *parent, umode_t mode, unsigned int rdev)
{
	struct inode *inode;
	struct ramfs_dir *d;

	if (!S_ISDIR(mode) && !S_ISREG(mode) && !S_ISCHR(mode) && !S_ISBLK(mode) &&
	    !S_ISLNK(mode) && !S_ISFIFO(mode) && !S_ISSOCK(mode))
		return ERR_PTR(-EINVAL);
	inode = new_inode(mode);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_data.a_ops = &ramfs_aops;
	if (S_ISREG(mode)) {
		inode->i_fop = &ramfs_file_operations;
	} else if (S_ISDIR(mode)) {
		d = kmalloc(sizeof(*d), GFP_KERNEL);
		if (!d) {
			iput(inode);
			return ERR_PTR(-ENOMEM);
		}
		INIT_LIST_HEAD(&d->entries);
		d->parent = parent ? parent : inode;
		inode->i_private = d;
		inode->i_nlink = 2;
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &ramfs_dir_operations;
	} else if (S_ISLNK(mode)) {
		inode->i_op = &ramfs_symlink_inode_operations;	/* the target: page 0 */
	} else {
		init_special_inode(inode, mode, rdev);
	}
	return inode;
}

struct inode *ramfs_mknod(struct inode *dir, const char *name, size_t len, umode_t mode,
			  unsigned int rdev)
{
	struct inode *inode;
	int err = valid_name(name, len);

	if (err)
		return ERR_PTR(err);
	if (!dir->i_private)
		return ERR_PTR(-ENOENT);		/* @dir was removed */
	if (ramfs_find(dir, name, len))
		return ERR_PTR(-EEXIST);
	inode = ramfs_get_inode(dir, mode, rdev);
	if (IS_ERR(inode))
		return inode;
	err = ramfs_link(dir, name, len, inode);
	if (err) {
		if (S_ISDIR(mode))
			kfree(inode->i_private);	/* its (empty) entry list */
		iput(inode);
		return ERR_PTR(err);
	}
	return inode;
}

/* ramfs_create - i_op->create: a new file, directory or device node (see ramfs_mknod). */
static struct inode *ramfs_create(struct inode *dir, const char *name, size_t len, umode_t mode)
{
	return ramfs_mknod(dir, name, len, mode, 0);
}

/* ramfs_mkdir - i_op->mkdir: a new, empty directory @name in @dir with permissions @mode.
 * Returns 0, -EEXIST, -ENOENT (@dir was removed), -ENAMETOOLONG, -EINVAL or -ENOMEM. */
static int ramfs_mkdir(struct inode *dir, const char *name, size_t len, umode_t mode)
{
	struct inode *inode = ramfs_mknod(dir, name, len, S_IFDIR | (mode & 07777), 0);

	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	iput(inode);				/* the entry keeps its own reference */
	return 0;
}

/* is_ramfs_dir - is @inode a directory of this file system (not one linked in, as /proc)? */
static bool is_ramfs_dir(const struct inode *inode)
{
	return inode->i_op == &ramfs_dir_inode_operations;
}

/*
 * ramfs_remove - take the entry @name out of @dir and drop its reference to @victim (the
 * inode it names). A directory's ".." no longer counts in @dir's links. Returns 0, or
 * -ENOENT if the entry is gone or names another inode.
 */
static int ramfs_remove(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	struct ramfs_dirent *de = ramfs_find(dir, name, len);

	if (!de || de->inode != victim)
		return -ENOENT;
	list_del(&de->list);
	kfree(de);
	if (S_ISDIR(victim->i_mode))
		dir->i_nlink--;
	if (victim->i_nlink)
		victim->i_nlink--;
	dir->i_mtime_ns = ktime_get_real_ns();
	iput(victim);
	return 0;
}

/* ramfs_unlink - i_op->unlink: remove the entry of non-directory @victim; the file lives on
 * while open or mapped. Returns 0 or -ENOENT. */
static int ramfs_unlink(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	return ramfs_remove(dir, name, len, victim);
}

/*
 * ramfs_rmdir - i_op->rmdir: remove the empty directory @victim. Its entry list is freed now
 * and i_private cleared (dead: see the top of the file); i_nlink drops to 0. Returns 0,
 * -ENOTEMPTY, -EBUSY if @victim is another file system's root linked in here (/proc: on
 * Linux a mount point), or -ENOENT.
 */
static int ramfs_rmdir(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	struct ramfs_dir *d = victim->i_private;
	int err;

	if (!is_ramfs_dir(victim))
		return -EBUSY;
	if (!d)
		return -ENOENT;
	if (!list_empty(&d->entries))
		return -ENOTEMPTY;
	err = ramfs_remove(dir, name, len, victim);	/* the caller still holds @victim */
	if (!err) {
		victim->i_nlink = 0;		/* "." is gone with the entry */
		victim->i_private = NULL;
		kfree(d);
	}
	return err;
}

void ramfs_kill_tree(struct inode *dir)
{
	struct ramfs_dir *d = dir->i_private;
	struct ramfs_dirent *de, *tmp;

	list_for_each_entry_safe(de, tmp, &d->entries, list) {
		list_del(&de->list);
		if (de->inode->i_op == &ramfs_dir_inode_operations && de->inode->i_count == 1)
			ramfs_kill_tree(de->inode);	/* drops the entry's reference */
		else
			iput(de->inode);
		kfree(de);
	}
	kfree(d);
	dir->i_private = NULL;
	iput(dir);
}

/* ramfs_readdir - f_op->iterate: ".", "..", then the entries; f_pos is the entry's index.
 * -ENOENT for a removed directory, as Linux. */
static long ramfs_readdir(struct file *file, void __user *dirent, size_t count)
{
	struct inode *dir = file->f_inode;
	struct ramfs_dir *d = dir->i_private;
	struct ramfs_dirent *de;
	struct dir_context ctx;
	loff_t pos = 2;

	if (!d)
		return -ENOENT;			/* removed (Linux's IS_DEADDIR) */
	dir_context_init(&ctx, dirent, count);
	if (file->f_pos == 0) {
		if (!dir_emit(&ctx, ".", 1, dir->i_ino, DT_DIR, 1))
			return dir_emit_result(&ctx);
		file->f_pos = 1;
	}
	if (file->f_pos == 1) {
		if (!dir_emit(&ctx, "..", 2, d->parent->i_ino, DT_DIR, 2))
			return dir_emit_result(&ctx);
		file->f_pos = 2;
	}
	list_for_each_entry(de, &d->entries, list) {
		if (pos++ < file->f_pos)
			continue;
		if (!dir_emit(&ctx, de->name, de->len, de->inode->i_ino,
			      dt_type(de->inode->i_mode), pos))
			break;
		file->f_pos = pos;
	}
	return dir_emit_result(&ctx);
}

/*
 * ramfs_file_read - f_op->read: copy from the page cache at *@pos, up to the end of the file;
 * a hole reads as zeros. Returns the bytes copied (0 at end of file), -EINVAL for a negative
 * position, or -EFAULT if nothing could be copied to @buf.
 */
static ssize_t ramfs_file_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	loff_t size = file->f_inode->i_size;
	size_t done = 0;

	if (*pos < 0)
		return -EINVAL;
	if (*pos >= size || !count)
		return 0;
	count = min(count, (size_t)(size - *pos));
	while (done < count) {
		loff_t p = *pos + (loff_t)done;
		size_t off = (size_t)p & ~PAGE_MASK;
		size_t chunk = min(PAGE_SIZE - off, count - done);
		struct page *page = find_get_page(file->f_mapping, (unsigned long)p >> PAGE_SHIFT);
		unsigned long left;

		if (page) {
			left = copy_to_user(buf + done, (char *)page_address(page) + off, chunk);
			put_page(page);
		} else {
			left = clear_user(buf + done, chunk);	/* a hole */
		}
		done += chunk - left;
		if (left)
			break;
		if (need_resched)
			schedule();		/* a long copy lets others run (cond_resched) */
	}
	if (!done)
		return -EFAULT;
	*pos += (loff_t)done;
	return (ssize_t)done;
}

/*
 * ramfs_file_write - f_op->write: copy @buf into page-cache pages at *@pos (at the end of the
 * file with O_APPEND), allocating them as needed, and grow i_size. Returns the bytes written,
 * or if none: -EINVAL (negative position), -EFBIG (past RAMFS_MAX_FILE_SIZE), -ENOMEM, -EFAULT.
 */
static ssize_t ramfs_file_write(struct file *file, const char __user *buf, size_t count,
				loff_t *pos)
{
	struct inode *inode = file->f_inode;
	size_t done = 0;
	int err = 0;

	if (file->f_flags & O_APPEND)
		*pos = inode->i_size;
	if (*pos < 0)
		return -EINVAL;
	if (!count)
		return 0;
	if (*pos >= RAMFS_MAX_FILE_SIZE)
		return -EFBIG;
	count = min(count, (size_t)(RAMFS_MAX_FILE_SIZE - *pos));
	while (done < count) {
		loff_t p = *pos + (loff_t)done;
		size_t off = (size_t)p & ~PAGE_MASK;
		size_t chunk = min(PAGE_SIZE - off, count - done);
		struct page *page = read_cache_page(file, file->f_mapping,
						    (unsigned long)p >> PAGE_SHIFT, NULL);
		unsigned long left;

		if (IS_ERR(page)) {
			err = (int)PTR_ERR(page);
			break;
		}
		left = copy_from_user((char *)page_address(page) + off, buf + done, chunk);
		set_page_dirty(page);		/* a no-op for ramfs: no backing store */
		put_page(page);
		done += chunk - left;
		if (left) {
			err = -EFAULT;
			break;
		}
		if (need_resched)
			schedule();
	}
	if (!done)
		return err;
	*pos += (loff_t)done;
	if (*pos > inode->i_size)
		inode->i_size = *pos;
	inode->i_mtime_ns = ktime_get_real_ns();
	return (ssize_t)done;
}

/* ramfs_mknod_op - i_op->mknod: a device node, FIFO, socket or regular file. */
static int ramfs_mknod_op(struct inode *dir, const char *name, size_t len, umode_t mode,
			  unsigned int rdev)
{
	struct inode *inode = ramfs_mknod(dir, name, len, mode, rdev);

	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	iput(inode);
	return 0;
}

/* ramfs_link_op - i_op->link: one more name for @old (a non-directory). */
static int ramfs_link_op(struct inode *old, struct inode *dir, const char *name, size_t len)
{
	int err = ramfs_link(dir, name, len, old);

	if (!err)
		old->i_nlink++;
	return err;
}

/*
 * ramfs_symlink - i_op->symlink: a link whose target is kept in its page cache, page 0 (as
 * Linux's ramfs does with page_symlink), so it lives and dies with the inode like file data.
 * Returns 0, -ENAMETOOLONG (a target of a page or more), -EEXIST, -ENOENT, -ENOMEM.
 */
static int ramfs_symlink(struct inode *dir, const char *name, size_t len, const char *target)
{
	size_t tlen = strlen(target);
	struct inode *inode;
	struct page *page;

	if (tlen >= PAGE_SIZE)
		return -ENAMETOOLONG;
	inode = ramfs_mknod(dir, name, len, S_IFLNK | 0777, 0);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	page = read_cache_page(NULL, inode->i_mapping, 0, NULL);
	if (IS_ERR(page)) {
		ramfs_remove(dir, name, len, inode);
		iput(inode);
		return (int)PTR_ERR(page);
	}
	memcpy(page_address(page), target, tlen);
	put_page(page);
	inode->i_size = (loff_t)tlen;
	iput(inode);
	return 0;
}

/* ramfs_readlink - i_op->readlink: the target from page 0. */
static ssize_t ramfs_readlink(struct inode *inode, char *buf, size_t size)
{
	struct page *page = find_get_page(inode->i_mapping, 0);
	size_t len = min(size, (size_t)inode->i_size);

	if (!page)
		return -EIO;
	memcpy(buf, page_address(page), len);
	put_page(page);
	return (ssize_t)len;
}

/*
 * ramfs_rename - i_op->rename: the entry moves (its reference with it) from @old_dir to
 * @new_dir under @new_name; @target, if any, is removed first as unlink or rmdir would. A
 * moved directory's ".." follows it. Returns 0, -ENOTEMPTY, -ENOENT, -EINVAL, -ENOMEM.
 */
static int ramfs_rename(struct inode *old_dir, const char *old_name, size_t old_len,
			struct inode *new_dir, const char *new_name, size_t new_len,
			struct inode *source, struct inode *target)
{
	struct ramfs_dirent *de = ramfs_find(old_dir, old_name, old_len), *nde;
	struct ramfs_dir *nd = new_dir->i_private;
	int err = valid_name(new_name, new_len);

	if (err)
		return err;
	if (!de || de->inode != source || !nd)
		return -ENOENT;
	if (S_ISDIR(source->i_mode) && !is_ramfs_dir(source))
		return -EBUSY;				/* /proc linked in here */
	nde = kmalloc(sizeof(*nde) + new_len + 1, GFP_KERNEL);
	if (!nde)
		return -ENOMEM;
	if (target) {
		err = S_ISDIR(target->i_mode) ? ramfs_rmdir(new_dir, new_name, new_len, target)
					      : ramfs_remove(new_dir, new_name, new_len, target);
		if (err) {
			kfree(nde);
			return err;
		}
	}
	memcpy(nde->name, new_name, new_len);
	nde->name[new_len] = '\0';
	nde->len = new_len;
	nde->inode = de->inode;			/* the entry's reference moves */
	list_del(&de->list);
	kfree(de);
	list_add_tail(&nde->list, &nd->entries);
	if (S_ISDIR(source->i_mode)) {
		old_dir->i_nlink--;
		new_dir->i_nlink++;
		((struct ramfs_dir *)source->i_private)->parent = new_dir;
	}
	old_dir->i_mtime_ns = new_dir->i_mtime_ns = ktime_get_real_ns();
	return 0;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.mknod = ramfs_mknod_op,
	.link = ramfs_link_op,
	.symlink = ramfs_symlink,
	.rename = ramfs_rename,
};

static const struct inode_operations ramfs_symlink_inode_operations = {
	.readlink = ramfs_readlink,
};

static const struct file_operations ramfs_dir_operations = {
	.iterate = ramfs_readdir,
};

static const struct file_operations ramfs_file_operations = {
	.read = ramfs_file_read,
	.write = ramfs_file_write,
	.mmap = generic_file_mmap,
};
