/*
 * fs/inode.c - inodes: allocation, reference counting and freeing (Linux's fs/inode.c).
 *
 * An inode is one file (regular, directory, device, pipe) whatever names it has. It lives as
 * long as something references it: a directory entry, an open file, a walk in progress.
 * Faultline has no inode cache to keep unreferenced inodes around: the last iput() frees the
 * inode and everything in its page cache that no process still maps.
 */
#include "fs/inode.h"
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
	inode->i_mtime_ns = ktime_get_ns();
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
	truncate_inode_pages(&inode->i_data, 0);
	kfree(inode);
}
