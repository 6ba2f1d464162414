/*
 * fs/fs-writeback.c - getting dirty data to the disk: sync(2), syncfs(2), umount's sync, and
 * the flusher kernel thread (Linux's fs/fs-writeback.c and its "flush-254:16" workers, as one
 * thread for every disk).
 *
 * What is dirty, and where it waits:
 *   file data     page-cache pages tagged dirty in their file's cache (mm/filemap.c);
 *                 inode->dirtied_when is when the first of them became dirty.
 *   metadata      buffer heads marked dirty in the file system's buffer cache (fs/buffer.c):
 *                 bitmaps, inode tables, directories, indirect blocks, the superblock.
 * sync_filesystem() writes both, in that order (writing pages can allocate blocks, which
 * dirties metadata), then flushes the disk's write cache.
 *
 * The flusher wakes every 5 seconds (dirty_writeback_interval = 500 centiseconds) and writes
 * the files whose pages have been dirty for 30 seconds or more (dirty_expire_interval = 3000
 * centiseconds), then the file systems' metadata: Linux's defaults. sync and msync(MS_ASYNC)
 * wake it at once. A writer that dirties more than the dirty limit writes back itself
 * (balance_dirty_pages, mm/filemap.c).
 */
#include "fs/mount.h"
#include "fs/inode.h"
#include "fs/pagemap.h"
#include "fs/syscalls.h"
#include "kernel/kthread.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/printk.h"
#include "kernel/errno.h"

#define DIRTY_WRITEBACK_INTERVAL_NS	(5 * NSEC_PER_SEC)	/* the flusher's period */
#define DIRTY_EXPIRE_JIFFIES		(30 * HZ)		/* how old dirty data gets */

static struct task_struct *flusher;
static bool flush_all;			/* woken by sync: write everything, however young */

/*
 * writeback_inodes_sb - write the dirty pages of @sb's files (those dirty for at least
 * DIRTY_EXPIRE_JIFFIES unless @all), then the inodes and metadata; with @wait, wait for the
 * pages and flush the disk. Returns 0 or the first -errno.
 */
static int writeback_inodes_sb(struct super_block *sb, bool all, bool wait)
{
	struct list_head *pos;
	int ret = 0, err;

	if (sb->s_flags & SB_RDONLY)
		return 0;
	/* The list may change while write-back sleeps; the inode being written is referenced,
	 * so it stays in the list and the walk goes on from it. */
	for (pos = sb->s_inodes.next; pos != &sb->s_inodes; ) {
		struct inode *inode = list_entry(pos, struct inode, i_sb_list);
		struct address_space *mapping = inode->i_mapping;

		if (!mapping || !xa_marked(&mapping->i_pages, PAGECACHE_TAG_DIRTY) ||
		    (!all && jiffies - inode->dirtied_when < DIRTY_EXPIRE_JIFFIES)) {
			pos = pos->next;
			continue;
		}
		igrab(inode);
		err = wait ? filemap_write_and_wait(mapping) : filemap_fdatawrite(mapping);
		if (!ret)
			ret = err;
		if (sb->s_op->write_inode && inode->i_nlink) {
			err = sb->s_op->write_inode(inode);
			if (!ret)
				ret = err;
		}
		pos = pos->next;
		iput(inode);
	}
	if (sb->s_op->sync_fs) {
		err = sb->s_op->sync_fs(sb);
		if (!ret)
			ret = err;
	}
	err = sync_blockdev(sb);
	if (!ret)
		ret = err;
	if (wait) {
		err = blkdev_issue_flush(sb->s_bdev);
		if (!ret)
			ret = err;
	}
	return ret;
}

int sync_filesystem(struct super_block *sb)
{
	return writeback_inodes_sb(sb, true, true);
}

/* sync_one_sb - iterate_supers callback of sync(2). */
static void sync_one_sb(struct super_block *sb, void *arg)
{
	(void)arg;
	sync_filesystem(sb);
}

/* sys_sync - sync(2): write back every mounted file system. Always 0. */
long sys_sync(void)
{
	iterate_supers(sync_one_sb, NULL);
	return 0;
}

/* sys_syncfs - syncfs(2): write back the file system holding the file open as @fd. 0,
 * -EBADF, or -EIO if the write-back failed. RAM file systems have nothing to write: 0. */
long sys_syncfs(int fd)
{
	struct file *file = fget(fd);
	struct super_block *sb;
	long ret = 0;

	if (!file)
		return -EBADF;
	sb = file->f_inode->i_sb;
	if (sb)
		ret = sync_filesystem(sb);	/* the open file keeps the mount alive */
	fput(file);
	return ret;
}

void wakeup_flusher_threads(void)
{
	flush_all = true;
	if (flusher)
		wake_up_process(flusher);
}

/* flusher_one_sb - the flusher's visit of one file system. */
static void flusher_one_sb(struct super_block *sb, void *arg)
{
	bool *all = arg;
	int err = writeback_inodes_sb(sb, *all, false);

	if (err)
		pr_err("%s: background write-back failed (%d)\n", sb->s_id, err);
}

/* flusher_thread - the flusher's life: every DIRTY_WRITEBACK_INTERVAL_NS (or when woken), a
 * pass over the mounted file systems. */
static void flusher_thread(void *arg)
{
	(void)arg;
	for (;;) {
		bool all;

		schedule_timeout_ns(ktime_get_ns() + DIRTY_WRITEBACK_INTERVAL_NS);
		all = flush_all;
		flush_all = false;
		iterate_supers(flusher_one_sb, &all);
	}
}

void flusher_init(void)
{
	flusher = kthread_run(flusher_thread, NULL, "flush");
	if (!flusher)
		pr_err("writeback: cannot start the flusher thread\n");
}
