/*
 * fs/ext2/vfs.c - ext2's face to the VFS (Linux's fs/ext2/super.c mount, namei.c and
 * inode.c operation tables): mount (fill_super), the inode cache's glue, the directory,
 * symlink and file operations, setattr (truncate, chmod, utimensat), statfs, eviction.
 * See fs/ext2/vfs.h for how the VFS inode and the ext2 inode are kept in step.
 */
#include "fs/ext2/vfs.h"
#include "fs/mount.h"
#include "fs/inode.h"
#include "fs/namei.h"
#include "fs/readdir.h"
#include "fs/syscalls.h"
#include "fs/pagemap.h"
#include "fs/char_dev.h"
#include "mm/slab.h"
#include "mm/page.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"

static const struct inode_operations ext2_dir_inode_operations;
static const struct inode_operations ext2_file_inode_operations;
static const struct inode_operations ext2_symlink_inode_operations;
static const struct file_operations ext2_dir_operations;
static const struct file_operations ext2_file_operations;
static const struct super_operations ext2_sops;

#define NS(sec)	((u64)(sec) * NSEC_PER_SEC)

void ext2_vfs_refresh(struct inode *inode, bool keep_size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	inode->i_mode = ei->i_mode;
	inode->i_nlink = ei->i_links_count;
	inode->i_uid = ei->i_uid;
	inode->i_gid = ei->i_gid;
	if (!keep_size)
		inode->i_size = (loff_t)ei->i_size;
	inode->i_blocks = ei->i_blocks;
	inode->i_atime_ns = NS(ei->i_atime);
	inode->i_mtime_ns = NS(ei->i_mtime);
	inode->i_ctime_ns = NS(ei->i_ctime);
}

int ext2_vfs_write_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	ei->i_mode = inode->i_mode;
	ei->i_uid = inode->i_uid;
	ei->i_gid = inode->i_gid;
	ei->i_size = (u64)inode->i_size;
	ei->i_atime = (u32)(inode->i_atime_ns / NSEC_PER_SEC);
	ei->i_mtime = (u32)(inode->i_mtime_ns / NSEC_PER_SEC);
	ei->i_ctime = (u32)(inode->i_ctime_ns / NSEC_PER_SEC);
	return ext2_write_inode(ei);
}

/* ext2_decode_rdev - a device node's number, as Linux's ext2 stores it in i_block[0] (the old
 * 8:8 form) or i_block[1] (the new form, which is Faultline's MKDEV layout). */
static unsigned int ext2_decode_rdev(const struct ext2_inode_info *ei)
{
	u32 old = le32_to_cpu(ei->i_data[0]);

	if (old)
		return MKDEV((old >> 8) & 0xff, old & 0xff);
	return le32_to_cpu(ei->i_data[1]);
}

/* ext2_encode_rdev - store @rdev in @ei's i_block as Linux does (see ext2_decode_rdev). */
static void ext2_encode_rdev(struct ext2_inode_info *ei, unsigned int rdev)
{
	if (MAJOR(rdev) < 256 && MINOR(rdev) < 256) {
		ei->i_data[0] = cpu_to_le32((MAJOR(rdev) << 8) | MINOR(rdev));
		ei->i_data[1] = 0;
	} else {
		ei->i_data[0] = 0;
		ei->i_data[1] = cpu_to_le32(rdev);
	}
}

/*
 * ext2_vfs_iget - the VFS inode for @ei, whose reference the caller passes in: the cached one
 * (then @ei's extra reference is dropped) or a new one that keeps it. Caller holds s_mutex.
 * Returns the inode, referenced, or ERR_PTR(-ENOMEM).
 */
static struct inode *ext2_vfs_iget(struct super_block *sb, struct ext2_inode_info *ei)
{
	struct inode *inode = ilookup(sb, ei->i_ino);

	if (inode) {
		ext2_iput(ei);		/* the cached VFS inode holds one already */
		return inode;
	}
	inode = new_inode(ei->i_mode);
	if (!inode) {
		ext2_iput(ei);
		return ERR_PTR(-ENOMEM);
	}
	inode->i_ino = ei->i_ino;
	inode->i_private = ei;
	ext2_vfs_refresh(inode, false);
	if (S_ISREG(inode->i_mode)) {
		inode->i_op = &ext2_file_inode_operations;
		inode->i_fop = &ext2_file_operations;
		inode->i_data.a_ops = &ext2_aops;
	} else if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &ext2_dir_inode_operations;
		inode->i_fop = &ext2_dir_operations;
	} else if (S_ISLNK(inode->i_mode)) {
		inode->i_op = &ext2_symlink_inode_operations;
	} else {
		init_special_inode(inode, inode->i_mode, ext2_decode_rdev(ei));
		inode->i_op = &ext2_file_inode_operations;
	}
	inode_sb_list_add(sb, inode);
	if (!S_ISREG(inode->i_mode) && !S_ISDIR(inode->i_mode) && !S_ISLNK(inode->i_mode))
		inode->i_rdev = ext2_decode_rdev(ei);
	return inode;
}

/* ext2_lock - take @sb's mutex for a call into ext2 (killable). 0 or -EINTR. */
static int ext2_lock(struct super_block *sb)
{
	return mutex_lock_killable(&sb->s_mutex);
}

static void ext2_unlock(struct super_block *sb)
{
	mutex_unlock(&sb->s_mutex);
}

/* ext2_vfs_lookup - i_op->lookup: the entry @name of @dir, or NULL, or ERR_PTR(-EIO/-EINTR). */
static struct inode *ext2_vfs_lookup(struct inode *dir, const char *name, size_t len)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_inode_info *ei;
	struct inode *inode;
	int err = ext2_lock(sb);

	if (err)
		return ERR_PTR(err);
	ei = ext2_lookup(EXT2_I(dir), name, len);
	if (IS_ERR(ei))
		inode = PTR_ERR(ei) == -ENOENT ? NULL : ERR_PTR(PTR_ERR(ei));
	else
		inode = ext2_vfs_iget(sb, ei);
	ext2_unlock(sb);
	return inode;
}

/* ext2_vfs_create - i_op->create: a new regular file (or node of @mode's type). */
static struct inode *ext2_vfs_create(struct inode *dir, const char *name, size_t len,
				     umode_t mode)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_inode_info *ei;
	struct inode *inode;
	int err = ext2_lock(sb);

	if (err)
		return ERR_PTR(err);
	ei = ext2_create(EXT2_I(dir), name, len, mode);
	inode = IS_ERR(ei) ? ERR_PTR(PTR_ERR(ei)) : ext2_vfs_iget(sb, ei);
	ext2_vfs_refresh(dir, false);
	ext2_unlock(sb);
	return inode;
}

/* ext2_vfs_mknod - i_op->mknod: a device node, FIFO, socket or regular file. */
static int ext2_vfs_mknod(struct inode *dir, const char *name, size_t len, umode_t mode,
			  unsigned int rdev)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_inode_info *ei;
	struct inode *inode;
	int err = ext2_lock(sb);

	if (err)
		return err;
	ei = ext2_create(EXT2_I(dir), name, len, mode);
	if (IS_ERR(ei)) {
		err = (int)PTR_ERR(ei);
	} else {
		if (S_ISCHR(mode) || S_ISBLK(mode)) {
			ext2_encode_rdev(ei, rdev);
			err = ext2_write_inode(ei);
		}
		inode = ext2_vfs_iget(sb, ei);
		if (IS_ERR(inode))
			err = (int)PTR_ERR(inode);
		else
			iput(inode);
	}
	ext2_vfs_refresh(dir, false);
	ext2_unlock(sb);
	return err;
}

/* ext2_vfs_mkdir - i_op->mkdir. */
static int ext2_vfs_mkdir(struct inode *dir, const char *name, size_t len, umode_t mode)
{
	struct super_block *sb = dir->i_sb;
	int err = ext2_lock(sb);

	if (err)
		return err;
	err = ext2_mkdir(EXT2_I(dir), name, len, mode);
	ext2_vfs_refresh(dir, false);
	ext2_unlock(sb);
	return err;
}

/* ext2_vfs_unlink - i_op->unlink: the name goes; the file lives while referenced. */
static int ext2_vfs_unlink(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	struct super_block *sb = dir->i_sb;
	int err = ext2_lock(sb);

	if (err)
		return err;
	err = ext2_unlink(EXT2_I(dir), name, len);
	ext2_vfs_refresh(dir, false);
	ext2_vfs_refresh(victim, S_ISREG(victim->i_mode));
	ext2_unlock(sb);
	return err;
}

/* ext2_vfs_rmdir - i_op->rmdir. */
static int ext2_vfs_rmdir(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	struct super_block *sb = dir->i_sb;
	int err = ext2_lock(sb);

	if (err)
		return err;
	err = ext2_rmdir(EXT2_I(dir), name, len);
	ext2_vfs_refresh(dir, false);
	ext2_vfs_refresh(victim, false);
	ext2_unlock(sb);
	return err;
}

/* ext2_vfs_link - i_op->link. */
static int ext2_vfs_link(struct inode *old, struct inode *dir, const char *name, size_t len)
{
	struct super_block *sb = dir->i_sb;
	int err = ext2_lock(sb);

	if (err)
		return err;
	err = ext2_link(EXT2_I(old), EXT2_I(dir), name, len);
	ext2_vfs_refresh(dir, false);
	ext2_vfs_refresh(old, S_ISREG(old->i_mode));
	ext2_unlock(sb);
	return err;
}

/* ext2_vfs_symlink - i_op->symlink. */
static int ext2_vfs_symlink(struct inode *dir, const char *name, size_t len, const char *target)
{
	struct super_block *sb = dir->i_sb;
	int err = ext2_lock(sb);

	if (err)
		return err;
	err = ext2_symlink(EXT2_I(dir), name, len, target);
	ext2_vfs_refresh(dir, false);
	ext2_unlock(sb);
	return err;
}

/* ext2_vfs_rename - i_op->rename: ext2_rename replaces @target itself. */
static int ext2_vfs_rename(struct inode *old_dir, const char *old_name, size_t old_len,
			   struct inode *new_dir, const char *new_name, size_t new_len,
			   struct inode *source, struct inode *target)
{
	struct super_block *sb = old_dir->i_sb;
	int err = ext2_lock(sb);

	if (err)
		return err;
	err = ext2_rename(EXT2_I(old_dir), old_name, old_len, EXT2_I(new_dir), new_name, new_len);
	ext2_vfs_refresh(old_dir, false);
	ext2_vfs_refresh(new_dir, false);
	ext2_vfs_refresh(source, S_ISREG(source->i_mode));
	if (target)
		ext2_vfs_refresh(target, S_ISREG(target->i_mode));
	ext2_unlock(sb);
	return err;
}

/* ext2_vfs_readlink - i_op->readlink. */
static ssize_t ext2_vfs_readlink(struct inode *inode, char *buf, size_t size)
{
	struct super_block *sb = inode->i_sb;
	ssize_t len;
	int err = ext2_lock(sb);

	if (err)
		return err;
	len = ext2_readlink(EXT2_I(inode), buf, size);
	ext2_unlock(sb);
	return len;
}

/*
 * ext2_vfs_setattr - i_op->setattr: a new size (the cached pages past it dropped first, then
 * the blocks freed, or a hole made), mode, owner and times; then the inode is written.
 */
/*
 * ext2_zero_page_tail - the bytes of @inode from @pos to the end of its page must read as
 * zero from now on (they are past the end of the file, or were and the file grows over
 * them): zero them in the page cache and mark the page dirty, so the disk block's stale tail
 * is overwritten too (Linux's block_truncate_page). 0 or -errno.
 */
static int ext2_zero_page_tail(struct inode *inode, loff_t pos)
{
	size_t off = (size_t)pos & ~PAGE_MASK;
	struct page *page;

	if (!off || pos >= inode->i_size)
		return 0;
	page = read_cache_page(NULL, inode->i_mapping, (unsigned long)pos >> PAGE_SHIFT, NULL);
	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	memset((char *)page_address(page) + off, 0, PAGE_SIZE - off);
	set_page_dirty(page);
	put_page(page);
	return 0;
}

static int ext2_vfs_setattr(struct inode *inode, const struct iattr *attr)
{
	struct super_block *sb = inode->i_sb;
	int err;

	if ((attr->ia_valid & ATTR_SIZE) && (u64)attr->ia_size > ext2_max_size(sb))
		return -EFBIG;
	if ((attr->ia_valid & ATTR_SIZE) && S_ISREG(inode->i_mode)) {
		/* The block that holds the old end (growing) or the new one (shrinking). */
		err = ext2_zero_page_tail(inode, min(attr->ia_size, inode->i_size));
		if (err)
			return err;
	}
	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size < inode->i_size) {
		inode->i_size = attr->ia_size;
		truncate_pagecache(inode, attr->ia_size);
	}
	err = ext2_lock(sb);
	if (err)
		return err;
	if (attr->ia_valid & ATTR_SIZE) {
		err = ext2_setsize(EXT2_I(inode), (u64)attr->ia_size);
		if (!err)
			inode->i_size = attr->ia_size;
		else
			inode->i_size = (loff_t)EXT2_I(inode)->i_size;
		inode->i_blocks = EXT2_I(inode)->i_blocks;
	}
	setattr_copy(inode, attr);
	if (!err)
		err = ext2_vfs_write_inode(inode);
	ext2_unlock(sb);
	return err;
}

struct ext2_readdir_ctx {
	struct dir_context *ctx;
	struct file *file;
};

/* ext2_vfs_filldir - ext2_readdir's callback: one entry into the getdents buffer. */
static int ext2_vfs_filldir(void *arg, const char *name, unsigned int len, u64 pos,
			    unsigned long ino, unsigned int file_type)
{
	static const unsigned char ft_to_dt[EXT2_FT_MAX] = {
		DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR, DT_BLK, DT_FIFO, DT_SOCK, DT_LNK,
	};
	struct ext2_readdir_ctx *rc = arg;

	(void)pos;
	return !dir_emit(rc->ctx, name, len, ino,
			 file_type < EXT2_FT_MAX ? ft_to_dt[file_type] : DT_UNKNOWN, 0);
}

/* ext2_vfs_readdir - f_op->iterate: f_pos is a byte position in the directory. */
static long ext2_vfs_readdir(struct file *file, void __user *dirent, size_t count)
{
	struct inode *dir = file->f_inode;
	struct super_block *sb = dir->i_sb;
	struct dir_context ctx;
	struct ext2_readdir_ctx rc = { &ctx, file };
	u64 pos = (u64)file->f_pos;
	int err;

	if (!dir->i_nlink)
		return -ENOENT;			/* removed */
	dir_context_init(&ctx, dirent, count);
	err = ext2_lock(sb);
	if (err)
		return err;
	err = ext2_readdir(EXT2_I(dir), &pos, ext2_vfs_filldir, &rc);
	ext2_unlock(sb);
	file->f_pos = (loff_t)pos;
	if (err && !ctx.used)
		return err;
	return dir_emit_result(&ctx);
}

/* ext2_evict_inode - super_operations: the VFS inode goes; drop its ext2 reference (the last
 * one frees an unlinked file's blocks and inode). Dirty pages of a file with links were
 * written back by umount's sync; an unlinked file's are simply dropped. */
static void ext2_evict_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	truncate_inode_pages(&inode->i_data, 0);
	mutex_lock(&sb->s_mutex);
	if (inode->i_nlink)
		ext2_vfs_write_inode(inode);
	ext2_iput(EXT2_I(inode));
	mutex_unlock(&sb->s_mutex);
}

/* ext2_vfs_write_inode_op - super_operations.write_inode. */
static int ext2_vfs_write_inode_op(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	int err;

	mutex_lock(&sb->s_mutex);
	err = ext2_vfs_write_inode(inode);
	mutex_unlock(&sb->s_mutex);
	return err;
}

/* ext2_vfs_sync_fs - super_operations.sync_fs: superblock and descriptors to the buffers. */
static int ext2_vfs_sync_fs(struct super_block *sb)
{
	int err;

	mutex_lock(&sb->s_mutex);
	err = ext2_sync_fs(sb);
	mutex_unlock(&sb->s_mutex);
	return err;
}

/* ext2_vfs_put_super - super_operations.put_super. */
static void ext2_vfs_put_super(struct super_block *sb)
{
	mutex_lock(&sb->s_mutex);
	ext2_put_super(sb);
	mutex_unlock(&sb->s_mutex);
}

/* ext2_vfs_statfs - super_operations.statfs. */
static int ext2_vfs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct ext2_kstatfs st;

	mutex_lock(&sb->s_mutex);
	ext2_statfs(sb, &st);
	mutex_unlock(&sb->s_mutex);
	buf->f_type = EXT2_FS_MAGIC;
	buf->f_bsize = (long)st.f_bsize;
	buf->f_frsize = (long)st.f_bsize;
	buf->f_blocks = st.f_blocks;
	buf->f_bfree = st.f_bfree;
	buf->f_bavail = st.f_bavail;
	buf->f_files = st.f_files;
	buf->f_ffree = st.f_ffree;
	buf->f_namelen = (long)st.f_namelen;
	return 0;
}

/*
 * ext2_vfs_fill_super - file_system_type.fill_super: check and load the file system
 * (ext2_fill_super logs why a disk is refused), then its root directory.
 */
static int ext2_vfs_fill_super(struct super_block *sb, int silent)
{
	struct ext2_inode_info *ei;
	struct inode *root;
	int err;

	mutex_lock(&sb->s_mutex);
	err = ext2_fill_super(sb, silent);
	if (err)
		goto out;
	EXT2_SB(sb)->s_pagecache_data = true;
	sb->s_op = &ext2_sops;
	ei = ext2_iget(sb, EXT2_ROOT_INO);
	root = IS_ERR(ei) ? ERR_PTR(PTR_ERR(ei)) : ext2_vfs_iget(sb, ei);
	if (IS_ERR(root) || !S_ISDIR(root->i_mode)) {
		pr_err("EXT2-fs (%s): error: get root inode failed\n", sb->s_id);
		err = IS_ERR(root) ? (int)PTR_ERR(root) : -EINVAL;
		if (!IS_ERR(root)) {
			list_del(&root->i_sb_list);
			ext2_iput(EXT2_I(root));
			kfree(root);
		}
		ext2_put_super(sb);
		goto out;
	}
	sb->s_root = root;
out:
	mutex_unlock(&sb->s_mutex);
	return err;
}

static const struct inode_operations ext2_dir_inode_operations = {
	.lookup = ext2_vfs_lookup,
	.create = ext2_vfs_create,
	.mkdir = ext2_vfs_mkdir,
	.unlink = ext2_vfs_unlink,
	.rmdir = ext2_vfs_rmdir,
	.mknod = ext2_vfs_mknod,
	.link = ext2_vfs_link,
	.symlink = ext2_vfs_symlink,
	.rename = ext2_vfs_rename,
	.setattr = ext2_vfs_setattr,
};

static const struct inode_operations ext2_file_inode_operations = {
	.setattr = ext2_vfs_setattr,
};

static const struct inode_operations ext2_symlink_inode_operations = {
	.readlink = ext2_vfs_readlink,
	.setattr = ext2_vfs_setattr,
};

static const struct file_operations ext2_dir_operations = {
	.iterate = ext2_vfs_readdir,
	.fsync = ext2_fsync,
};

static const struct file_operations ext2_file_operations = {
	.read = generic_file_read,
	.write = ext2_file_write_iter,
	.mmap = ext2_file_mmap,
	.fsync = ext2_fsync,
};

static const struct super_operations ext2_sops = {
	.evict_inode = ext2_evict_inode,
	.write_inode = ext2_vfs_write_inode_op,
	.sync_fs = ext2_vfs_sync_fs,
	.put_super = ext2_vfs_put_super,
	.statfs = ext2_vfs_statfs,
};

static struct file_system_type ext2_fs_type = {
	.name = "ext2",
	.fs_flags = FS_REQUIRES_DEV,
	.fill_super = ext2_vfs_fill_super,
};

int init_ext2_fs(void)
{
	return register_filesystem(&ext2_fs_type);
}
