/*
 * fs/ext2/vfs.h - ext2 as the VFS sees it (fs/ext2/vfs.c: the operation tables and mount;
 * fs/ext2/aops.c: the page cache's reads and writes).
 *
 * The ext2 code below it (the other files of fs/ext2/) is a library over the buffer cache with its own
 * in-memory inode (struct ext2_inode_info), shared with the host tests. Each VFS inode of an
 * ext2 mount holds one reference to the ext2_inode_info of the same number (i_private), and
 * the two are kept in step: the VFS's copy of mode, links, size, owner, times and blocks is
 * refreshed after every ext2 call that changes them (ext2_vfs_refresh), and the VFS's
 * changes (size on write, chmod, utimensat) are copied down before the inode is written
 * (ext2_vfs_write_inode). Every call into the library holds the super_block's s_mutex.
 */
#ifndef FAULTLINE_EXT2_VFS_H
#define FAULTLINE_EXT2_VFS_H

#include "fs/fs.h"
#include "fs/ext2/ext2.h"

#define EXT2_FS_MAGIC	0xEF53		/* statfs f_type */

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return inode->i_private;
}

/* init_ext2_fs - register "ext2" with mount(2). 0 or -errno. */
int init_ext2_fs(void);

/* ext2_vfs_refresh - copy @inode's ext2 fields (mode, links, owner, times, blocks, and size
 * unless @keep_size) into the VFS inode. */
void ext2_vfs_refresh(struct inode *inode, bool keep_size);

/* ext2_vfs_write_inode - copy the VFS's attributes of @inode down and write the ext2 inode
 * into its (dirty) inode-table buffer. Caller holds s_mutex. 0 or -EIO. */
int ext2_vfs_write_inode(struct inode *inode);

/* aops.c */
extern const struct address_space_operations ext2_aops;
extern const struct vm_operations_struct ext2_file_vm_ops;
/* ext2_file_write_iter - f_op->write of a regular file: through the page cache, blocks allocated
 * as the write reaches them. */
ssize_t ext2_file_write_iter(struct file *file, const char __user *buf, size_t count, loff_t *pos);
/* ext2_fsync - f_op->fsync: the file's dirty pages, then its inode and the file system's
 * metadata, then the disk's cache. */
int ext2_fsync(struct file *file, int datasync);
/* ext2_file_mmap - f_op->mmap of a regular file (filemap_fault and ext2_page_mkwrite). */
int ext2_file_mmap(struct file *file, struct vm_area_struct *vma);

#endif
