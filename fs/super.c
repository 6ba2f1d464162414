/*
 * fs/super.c - vfs_init: build the file tree the first process finds.
 *
 *   /            ramfs (fs/ramfs.c), filled from the initramfs (fs/initramfs.c)
 *   /dev         console (5:1), null (1:3), zero (1:5)
 *   /proc        generated files (fs/proc.c)
 *   /tmp         an empty, world-writable directory for programs' own files
 *
 * The tree is made before the initramfs is unpacked, so the archive may add to /dev or /tmp
 * but its entries cannot replace them by another kind of file. Drivers add the nodes of the
 * devices they find later in boot (devtmpfs_create_node: /dev/vda, /dev/vdb, ... for disks).
 */
#include "fs/fs.h"
#include "fs/namei.h"
#include "fs/ramfs.h"
#include "fs/proc/proc.h"
#include "fs/initramfs.h"
#include "fs/char_dev.h"
#include "fs/inode.h"
#include "fs/mount.h"
#include "fs/ext2/vfs.h"
#include "mm/slab.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"

/* vfs_mknod - create @name in @dir at boot and drop the reference; panics if that fails, as
 * the system cannot run without its basic tree. Returns the new inode (the entry holds it). */
static struct inode *vfs_mknod(struct inode *dir, const char *name, umode_t mode,
			       unsigned int rdev)
{
	struct inode *inode = ramfs_mknod(dir, name, strlen(name), mode, rdev);

	if (IS_ERR(inode))
		panic("vfs_init: cannot create %s (%ld)", name, PTR_ERR(inode));
	iput(inode);
	return inode;
}

struct super_block *alloc_super(struct file_system_type *type)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->s_type = type;
	INIT_LIST_HEAD(&sb->s_inodes);
	INIT_LIST_HEAD(&sb->s_list);
	mutex_init(&sb->s_mutex);
	return sb;
}

void free_super(struct super_block *sb)
{
	kfree(sb);
}

static struct inode *dev_dir;	/* /dev, for devtmpfs_create_node */

int devtmpfs_create_node(const char *name, umode_t mode, unsigned int dev)
{
	struct inode *inode;

	if (!dev_dir)
		return -ENOENT;
	inode = ramfs_mknod(dev_dir, name, strlen(name), mode, dev);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	iput(inode);
	return 0;
}

void vfs_init(void)
{
	struct inode *dev;
	int err;

	root_inode = ramfs_get_inode(NULL, S_IFDIR | 0755, 0);
	if (IS_ERR(root_inode))
		panic("vfs_init: no memory for the root directory");

	dev = vfs_mknod(root_inode, "dev", S_IFDIR | 0755, 0);
	dev_dir = dev;
	vfs_mknod(dev, "console", S_IFCHR | 0600, MKDEV(TTYAUX_MAJOR, 1));
	vfs_mknod(dev, "null", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 3));
	vfs_mknod(dev, "zero", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 5));
	vfs_mknod(root_inode, "tmp", S_IFDIR | 01777, 0);
	err = proc_root_init(root_inode);
	if (err)
		panic("vfs_init: cannot create /proc (%d)", err);

	populate_rootfs(root_inode);
	err = init_ext2_fs();
	if (err)
		panic("vfs_init: cannot register ext2 (%d)", err);
	pr_info("VFS: ramfs root with /dev, /proc and /tmp\n");
}
