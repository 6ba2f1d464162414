/*
 * fs/inode.c - inodes: allocation, reference counting and freeing (Linux's fs/inode.c).
 *
 * An inode is one file (regular, directory, device, pipe) whatever names it has. It lives as
 * long as something references it: a directory entry, an open file, a walk in progress.
 * The RAM file systems keep no unreferenced inodes: the last iput() frees the inode and
 * everything in its page cache that no process still maps (a ramfs file is referenced by its
 * directory entry for as long as it has a name). A disk file system's inodes (i_sb set) are
 * an inode cache instead, as Linux's: an unreferenced inode that still has links stays on
 * its super_block's list with its page cache - the next open finds its pages there, and
 * dirty ones wait for write-back - until umount evicts it; one with no links left is evicted
 * at once (->evict_inode frees the file on the disk).
 */
#include "fs/inode.h"
#include "fs/mount.h"
#include "mm/slab.h"
#include "kernel/panic.h"
#include "kernel/time.h"

static unsigned long last_ino;

unsigned long get_next_ino(void)
{
	return ++last_ino;
}

struct inode *new_inode(umode_t mode)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->i_ino = get_next_ino();
	inode->i_mode = mode;
	inode->i_nlink = 1;
	inode->i_count = 1;
	inode->i_mtime_ns = inode->i_atime_ns = inode->i_ctime_ns = ktime_get_real_ns();
	INIT_LIST_HEAD(&inode->i_sb_list);
	inode->i_data.host = inode;
	inode->i_mapping = &inode->i_data;
	return inode;
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	if (inode->i_count <= 0)
		panic("iput: inode %lu has i_count %d", inode->i_ino, inode->i_count);
	if (--inode->i_count > 0)
		return;
	if (inode->i_sb && inode->i_nlink && !inode->i_sb->s_dying)
		return;				/* stays in the inode cache */
	evict(inode);
}

void evict(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	if (sb) {
		list_del(&inode->i_sb_list);
		if (sb->s_op->evict_inode)
			sb->s_op->evict_inode(inode);	/* drops the pages, frees its disk part */
	}
	truncate_inode_pages(&inode->i_data, 0);
	kfree(inode);
}

void inode_sb_list_add(struct super_block *sb, struct inode *inode)
{
	inode->i_sb = sb;
	inode->i_rdev = 0;
	list_add_tail(&inode->i_sb_list, &sb->s_inodes);
}

struct inode *ilookup(struct super_block *sb, unsigned long ino)
{
	struct inode *inode;

	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		if (inode->i_ino == ino)
			return igrab(inode);
	return NULL;
}

unsigned long evict_inodes(struct super_block *sb)
{
	struct inode *inode, *next;
	unsigned long busy = 0;

	list_for_each_entry_safe(inode, next, &sb->s_inodes, i_sb_list) {
		if (inode->i_count)
			busy++;
		else
			evict(inode);
	}
	return busy;
}
