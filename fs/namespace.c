/*
 * fs/namespace.c - mount(2), umount2(2) and the mount table (Linux's fs/namespace.c; see
 * fs/mount.h for the model).
 *
 * mount(2) of a disk: the device file names a disk (lookup_bdev), a new super_block is put on
 * it (sb_set_bdev: its buffer cache over the block layer) and the file system type's
 * fill_super reads and checks it; a disk it does not recognise is refused with -EINVAL and a
 * kernel log line, never a panic. umount2(2) refuses (-EBUSY) while anything of the file
 * system is in use - an open file, a mapping, a process's current directory, a walk under
 * way, a mount below - then writes everything back (sync_filesystem), evicts the inode cache
 * and frees the super_block.
 *
 * namespace_sem serialises mount, umount and whoever walks the super_blocks while sleeping
 * (sync, the flusher), so none of them sees a super_block freed under it. Path walks only
 * read the table between two sleeps, which needs no lock on one CPU without kernel
 * preemption.
 */
#include "fs/mount.h"
#include "fs/namei.h"
#include "fs/inode.h"
#include "fs/block_dev.h"
#include "fs/syscalls.h"
#include "mm/slab.h"
#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

static LIST_HEAD(mount_list);
static struct mutex namespace_sem = { NULL, { LIST_HEAD_INIT(namespace_sem.wait.head) } };

/* find_mount_on - the mount whose mount point is @inode, or NULL. */
static struct vfsmount *find_mount_on(struct inode *inode)
{
	struct vfsmount *mnt;

	list_for_each_entry(mnt, &mount_list, mnt_list)
		if (mnt->mnt_mountpoint == inode)
			return mnt;
	return NULL;
}

/* find_mount_of - the mount of super_block @sb, or NULL. */
static struct vfsmount *find_mount_of(struct super_block *sb)
{
	struct vfsmount *mnt;

	list_for_each_entry(mnt, &mount_list, mnt_list)
		if (mnt->mnt_sb == sb)
			return mnt;
	return NULL;
}

struct inode *follow_mount(struct inode *inode)
{
	while (inode->i_mounted) {
		struct vfsmount *mnt = find_mount_on(inode);
		struct inode *root;

		if (!mnt)
			break;
		root = igrab(mnt->mnt_sb->s_root);
		iput(inode);
		inode = root;
	}
	return inode;
}

struct inode *follow_dotdot_mount(struct inode *inode)
{
	while (inode->i_sb && inode == inode->i_sb->s_root) {
		struct vfsmount *mnt = find_mount_of(inode->i_sb);
		struct inode *mp;

		if (!mnt)
			break;
		mp = igrab(mnt->mnt_mountpoint);
		iput(inode);
		inode = mp;
	}
	return inode;
}

int mount_for_each(int (*fn)(struct vfsmount *mnt, void *arg), void *arg)
{
	struct vfsmount *mnt;
	int ret;

	list_for_each_entry(mnt, &mount_list, mnt_list) {
		ret = fn(mnt, arg);
		if (ret)
			return ret;
	}
	return 0;
}

void iterate_supers(void (*fn)(struct super_block *sb, void *arg), void *arg)
{
	struct vfsmount *mnt;

	mutex_lock(&namespace_sem);
	list_for_each_entry(mnt, &mount_list, mnt_list)
		fn(mnt->mnt_sb, arg);
	mutex_unlock(&namespace_sem);
}

struct mounts_buf {
	char *buf;
	size_t size, len;
};

/* show_one_mount - mount_for_each callback of mounts_show. */
static int show_one_mount(struct vfsmount *mnt, void *arg)
{
	struct mounts_buf *m = arg;

	m->len += scnprintf(m->buf + m->len, m->size - m->len, "%s %s %s %s,relatime 0 0\n",
			    mnt->mnt_devname, mnt->mnt_path, mnt->mnt_sb->s_type->name,
			    (mnt->mnt_sb->s_flags & SB_RDONLY) ? "ro" : "rw");
	return 0;
}

size_t mounts_show(char *buf, size_t size, struct task_struct *task)
{
	struct mounts_buf m = { buf, size, 0 };

	(void)task;
	m.len = scnprintf(buf, size, "rootfs / rootfs rw 0 0\n"
			  "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
	mount_for_each(show_one_mount, &m);
	return m.len;
}

/* copy_mount_string - the user string @data (NULL allowed: returns NULL) into a new kernel
 * buffer of PATH_MAX. ERR_PTR(-EFAULT/-ENAMETOOLONG/-ENOMEM). */
static char *copy_mount_string(const char __user *data)
{
	return data ? getname(data) : NULL;
}

/* sb_is_busy - is anything of @sb in use, beyond @root_refs references to its root? */
static bool sb_is_busy(struct super_block *sb, int root_refs)
{
	struct inode *inode;

	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		if (inode->i_mounted)
			return true;
		if (inode->i_count > (inode == sb->s_root ? root_refs : 0))
			return true;
	}
	return false;
}

/*
 * kill_super - the end of a super_block that is no longer reachable: write everything back,
 * evict its inodes (the root's reference is the caller's, dropped here), free it. A write
 * error is logged (what was not written is lost, as on Linux after a failed sync).
 */
static void kill_super(struct super_block *sb)
{
	unsigned long left;
	int err = sync_filesystem(sb);

	if (err)
		pr_err("%s: write-back at unmount failed (%d)\n", sb->s_id, err);
	sb->s_dying = true;
	iput(sb->s_root);
	left = evict_inodes(sb);
	if (left)
		pr_err("%s: %lu inodes still in use at unmount\n", sb->s_id, left);
	if (sb->s_op->put_super)
		sb->s_op->put_super(sb);
	left = invalidate_buffers(sb);
	if (left)
		pr_err("%s: %lu buffers still in use at unmount\n", sb->s_id, left);
	bd_release(sb->s_bdev, sb->s_type);
	free_super(sb);
}

/* do_new_mount - mount @dev_name, a file system of type @type, on directory @mp. */
static long do_new_mount(const char *dev_name, struct inode *mp, const char *mp_path,
			 const char *type, unsigned long flags)
{
	struct file_system_type *fs_type = get_fs_type(type);
	struct block_device *bdev;
	struct super_block *sb;
	struct vfsmount *mnt;
	unsigned int dev;
	long err;

	if (!fs_type)
		return -ENODEV;
	if (!(fs_type->fs_flags & FS_REQUIRES_DEV))
		return -ENODEV;
	if (!dev_name)
		return -EFAULT;
	err = lookup_bdev(dev_name, &dev);
	if (err)
		return err;
	bdev = blkdev_get_by_dev(dev);
	if (!bdev)
		return -ENXIO;
	list_for_each_entry(mnt, &mount_list, mnt_list)
		if (mnt->mnt_sb->s_bdev == bdev)
			return -EBUSY;		/* a disk is mounted once */
	if (mp->i_mounted)
		return -EBUSY;
	err = bd_claim(bdev, fs_type);		/* -EBUSY: a swap device (mm/swapfile.c) */
	if (err)
		return err;

	mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);
	sb = alloc_super(fs_type);
	if (mnt)
		mnt->mnt_path = kmalloc(strlen(mp_path) + 1, GFP_KERNEL);
	if (!mnt || !sb || !mnt->mnt_path) {
		if (mnt)
			kfree(mnt->mnt_path);
		kfree(mnt);
		if (sb)
			free_super(sb);
		bd_release(bdev, fs_type);
		return -ENOMEM;
	}
	sb_set_bdev(sb, bdev);
	sb->s_dev = dev;
	if ((flags & MS_RDONLY) || bdev->read_only)
		sb->s_flags |= SB_RDONLY;
	err = fs_type->fill_super(sb, !!(flags & MS_SILENT));
	if (err) {
		invalidate_buffers(sb);
		free_super(sb);
		kfree(mnt->mnt_path);
		kfree(mnt);
		bd_release(bdev, fs_type);
		return err;
	}
	strscpy(mnt->mnt_devname, dev_name, sizeof(mnt->mnt_devname));
	memcpy(mnt->mnt_path, mp_path, strlen(mp_path) + 1);
	mnt->mnt_sb = sb;
	mnt->mnt_mountpoint = igrab(mp);
	mp->i_mounted++;
	list_add_tail(&mnt->mnt_list, &mount_list);
	pr_info("%s: mounted %s (%s) on %s%s\n", sb->s_id, type, dev_name, mp_path,
		(sb->s_flags & SB_RDONLY) ? " read-only" : "");
	return 0;
}

/* do_remount - MS_REMOUNT: change the read-only state of the file system mounted at @root. */
static long do_remount(struct inode *root, unsigned long flags)
{
	struct super_block *sb = root->i_sb;
	long err;

	if (!sb || sb->s_root != root || !find_mount_of(sb))
		return -EINVAL;
	if (flags & MS_RDONLY) {
		if (!(sb->s_flags & SB_RDONLY)) {
			err = sync_filesystem(sb);
			if (err)
				return err;
			sb->s_flags |= SB_RDONLY;
		}
	} else {
		if (sb->s_bdev->read_only)
			return -EACCES;
		sb->s_flags &= ~SB_RDONLY;
	}
	return 0;
}

/*
 * sys_mount - mount(2): put the file system of type @type found on the block device
 * @dev_name on the directory @dir_name; @flags MS_RDONLY mounts it read-only, MS_REMOUNT
 * changes that of an existing mount. @data (options) is ignored. Returns 0 or -errno: -ENODEV
 * (unknown type), -ENOTBLK (not a block device), -ENXIO, -ENOENT, -ENOTDIR, -EBUSY (the disk
 * or the directory already has a mount, or the disk is an active swap device), -EINVAL (the disk does not hold that file system),
 * -EIO, -EFAULT, -ENOMEM, -EINTR.
 */
long sys_mount(const char __user *dev_name, const char __user *dir_name,
	       const char __user *type, unsigned long flags, const void __user *data)
{
	char *kdev = NULL, *ktype = NULL, *path = NULL;
	struct inode *mp = NULL;
	long err;

	(void)data;
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	mp = user_path_at_path(AT_FDCWD, dir_name, path, PATH_MAX, LOOKUP_FOLLOW);
	if (IS_ERR(mp)) {
		err = PTR_ERR(mp);
		mp = NULL;
		goto out;
	}
	if (!S_ISDIR(mp->i_mode)) {
		err = -ENOTDIR;
		goto out;
	}
	err = mutex_lock_killable(&namespace_sem);
	if (err)
		goto out;
	if (flags & MS_REMOUNT) {
		err = do_remount(mp, flags);
	} else {
		ktype = copy_mount_string(type);
		kdev = copy_mount_string(dev_name);
		if (IS_ERR(ktype) || IS_ERR(kdev))
			err = IS_ERR(ktype) ? PTR_ERR(ktype) : PTR_ERR(kdev);
		else if (!ktype)
			err = -EFAULT;
		else
			err = do_new_mount(kdev, mp, path, ktype, flags);
	}
	mutex_unlock(&namespace_sem);
out:
	if (!IS_ERR_OR_NULL(ktype))
		putname(ktype);
	if (!IS_ERR_OR_NULL(kdev))
		putname(kdev);
	if (mp)
		iput(mp);
	kfree(path);
	return err;
}

/*
 * sys_umount2 - umount2(2): unmount the file system whose root is @name. Returns 0 or
 * -errno: -EINVAL (not a mount root, or unknown @flags), -EBUSY (in use: see the top of the
 * file), -ENOENT, -ENOTDIR, -EFAULT, -EINTR. MNT_FORCE is accepted and changes nothing;
 * MNT_DETACH (lazy unmount) is refused with -EINVAL.
 */
long sys_umount2(const char __user *name, int flags)
{
	struct vfsmount *mnt;
	struct super_block *sb;
	struct inode *root;
	long err;

	if (flags & ~(MNT_FORCE | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & MNT_FORCE))
		return -EINVAL;
	root = (flags & UMOUNT_NOFOLLOW) ? user_path_at_flags(AT_FDCWD, name, 0)
					 : user_path_at(AT_FDCWD, name);
	if (IS_ERR(root))
		return PTR_ERR(root);
	sb = root->i_sb;
	err = mutex_lock_killable(&namespace_sem);
	if (err) {
		iput(root);
		return err;
	}
	mnt = sb && sb->s_root == root ? find_mount_of(sb) : NULL;
	if (!mnt) {
		err = -EINVAL;
	} else if (sb_is_busy(sb, 2) || (flags & MNT_EXPIRE)) {
		err = (flags & MNT_EXPIRE) ? -EAGAIN : -EBUSY;
	} else {
		iput(root);		/* the walk's: the mount's stays, for kill_super */
		root = NULL;
		list_del(&mnt->mnt_list);
		mnt->mnt_mountpoint->i_mounted--;
		kill_super(sb);
		pr_info("%s: unmounted from %s\n", mnt->mnt_devname, mnt->mnt_path);
		iput(mnt->mnt_mountpoint);
		kfree(mnt->mnt_path);
		kfree(mnt);
	}
	mutex_unlock(&namespace_sem);
	if (root)
		iput(root);
	return err;
}

