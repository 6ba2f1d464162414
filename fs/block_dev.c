/*
 * fs/block_dev.c - block special files (Linux's block/fops.c and bdev.c): a program opens
 * /dev/vda and reads, writes and seeks in the disk as in one big file of its size.
 *
 * For now there is no cache in between: each read or write goes to the disk as bios of at
 * most one page, through a bounce page (the device never sees user memory). Any offset and
 * length work: a transfer that starts or ends inside a 512-byte sector reads the sectors
 * around it first and writes them back whole (read-modify-write), and writes to one disk go
 * one at a time so that two of them cannot undo each other's bytes. As on Linux:
 *   - read at or past the end returns 0 (end of file); a read that crosses it is shortened;
 *   - write at or past the end fails with -ENOSPC; one that crosses it is shortened;
 *   - write on a read-only disk fails with -EPERM (Linux's blkdev_write_iter), on an active
 *     swap device with -ETXTBSY (the same function's IS_SWAPFILE check: the kernel owns every
 *     slot, and a stray write would corrupt pages that processes will read back);
 *   - lseek accepts positions 0..size only (Linux's fixed_size_llseek), SEEK_END counts from
 *     the size; stat shows st_size 0 and st_rdev the disk's number;
 *   - fsync flushes the disk's write cache;
 *   - ioctl BLKGETSIZE64, BLKGETSIZE, BLKSSZGET, BLKBSZGET, BLKROGET and BLKFLSBUF.
 * A disk is claimed exclusively by whoever builds on it (bd_claim, Linux's FMODE_EXCL open):
 * a mounted file system or a swap device. The other one is refused with -EBUSY, so swapon of a
 * mounted disk and mount of a swap disk fail instead of writing under each other.
 * Every wait for the disk ends on a fatal signal (see drivers/block/blkdev.h for why that is
 * safe while the device still uses the bounce page).
 */
#include "fs/block_dev.h"
#include "drivers/block/blkdev.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "mm/page.h"
#include "mm/page_alloc.h"
#include "mm/swap.h"
#include "kernel/printk.h"

#define SEEK_DATA	3
#define SEEK_HOLE	4

int bd_claim(struct block_device *bdev, void *holder)
{
	if (bdev->bd_holder)
		return -EBUSY;
	bdev->bd_holder = holder;
	return 0;
}

void bd_release(struct block_device *bdev, void *holder)
{
	if (bdev->bd_holder != holder) {
		pr_err("BUG: bd_release: %s is held by %p, not %p\n", bdev->bd_name, bdev->bd_holder,
		       holder);
		return;
	}
	bdev->bd_holder = NULL;
}

/* file_bdev - the disk an open block special file reads and writes (set by blkdev_open). */
static struct block_device *file_bdev(const struct file *file)
{
	return file->private_data;
}

/*
 * Writes are serialized per disk (bd_write_busy): a write that covers part of a sector reads
 * the sector, changes it and writes it back, and another write to the same sector in
 * between would be lost. The lock is taken before the read and belongs to the write's bio
 * once it is submitted: its completion gives it back (blkdev_write_endio), so a writer killed
 * while its bio is in flight cannot let a newer write overtake it in the device's queue.
 */

/* blkdev_write_lock - wait for the disk's write lock and take it. 0, or -EINTR if killed. */
static int blkdev_write_lock(struct block_device *bdev)
{
	if (wait_event_killable(bdev->bd_write_wait, !bdev->bd_write_busy))
		return -EINTR;
	bdev->bd_write_busy = true;
	return 0;
}

/* blkdev_write_unlock - give the disk's write lock back and wake the next writer. Callable
 * from an interrupt. */
static void blkdev_write_unlock(struct block_device *bdev)
{
	bdev->bd_write_busy = false;
	wake_up(&bdev->bd_write_wait);
}

/* blkdev_write_endio - a locked write finished: release the lock, then wake its writer. */
static void blkdev_write_endio(struct bio *bio)
{
	blkdev_write_unlock(bio->bi_bdev);
	bio_wait_complete(bio);
}

/*
 * blkdev_write_locked - write @len bytes of @page to @sector while holding the disk's write
 * lock, which passes to the bio (released when it completes, even if the writer is killed
 * first). Returns 0, -EIO, -ENOMEM or -EINTR.
 */
static int blkdev_write_locked(struct block_device *bdev, sector_t sector, struct page *page,
			       unsigned int len)
{
	struct bio *bio = bio_alloc(bdev, REQ_OP_WRITE);
	int err;

	if (!bio) {
		blkdev_write_unlock(bdev);
		return -ENOMEM;
	}
	bio->bi_iter.bi_sector = sector;
	bio_add_page(bio, page, len, 0);
	bio->bi_end_io = blkdev_write_endio;
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

/*
 * blkdev_rw_chunk - move @n bytes between @ubuf and the disk at byte @p through the bounce
 * @page: the sector-aligned window around them (at most a page) is read first for a read or
 * a partial-sector write; a write then changes the window and writes it whole, under the
 * disk's write lock. Returns 0 or -errno (-EFAULT, -EIO, -ENOMEM, -EINTR).
 */
static int blkdev_rw_chunk(struct block_device *bdev, char __user *ubuf, size_t n, loff_t p,
			   struct page *page, bool write)
{
	loff_t start = ALIGN_DOWN(p, (loff_t)SECTOR_SIZE);
	unsigned int skip = (unsigned int)(p - start);
	unsigned int len = ALIGN_UP(skip + (unsigned int)n, SECTOR_SIZE);
	sector_t sector = (sector_t)start >> SECTOR_SHIFT;
	char *buf = page_address(page);
	int err;

	if (!write) {
		err = bdev_rw_page(bdev, sector, page, 0, len, REQ_OP_READ);
		if (!err && copy_to_user(ubuf, buf + skip, n))
			err = -EFAULT;
		return err;
	}
	err = blkdev_write_lock(bdev);
	if (err)
		return err;
	if (skip || len != skip + n) {		/* a partial sector: read-modify-write */
		err = bdev_rw_page(bdev, sector, page, 0, len, REQ_OP_READ);
		if (err) {
			blkdev_write_unlock(bdev);
			return err;
		}
	}
	if (copy_from_user(buf + skip, ubuf, n)) {
		blkdev_write_unlock(bdev);
		return -EFAULT;
	}
	return blkdev_write_locked(bdev, sector, page, len);
}

/*
 * blkdev_transfer - move @count bytes between the user buffer @ubuf and the disk at *@pos,
 * one page-sized window at a time (blkdev_rw_chunk); @write says which way. The caller has
 * clipped @count to the disk. Advances *@pos. Returns the bytes moved, or -errno if nothing
 * moved: -ENOMEM, -EFAULT, -EIO, -EINTR (killed).
 */
static ssize_t blkdev_transfer(struct block_device *bdev, char __user *ubuf, size_t count,
			       loff_t *pos, bool write)
{
	struct page *page = alloc_page(GFP_KERNEL);
	size_t done = 0;
	int err = 0;

	if (!page)
		return -ENOMEM;
	while (done < count) {
		unsigned int skip = (unsigned int)(*pos & (SECTOR_SIZE - 1));
		size_t n = min(count - done, PAGE_SIZE - skip);

		err = blkdev_rw_chunk(bdev, ubuf + done, n, *pos, page, write);
		if (err)
			break;
		done += n;
		*pos += (loff_t)n;
		if (done < count && signal_pending(current))
			break;
		cond_resched();
	}
	put_page(page);		/* freed now, or by the bio if the device still has it */
	return done ? (ssize_t)done : err;
}

/* blkdev_read - f_op->read: up to @count bytes at *@pos; 0 at or past the end. */
static ssize_t blkdev_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	struct block_device *bdev = file_bdev(file);
	u64 size = bdev_nr_bytes(bdev);

	if (*pos < 0)
		return -EINVAL;
	if ((u64)*pos >= size || !count)
		return 0;
	count = min((u64)count, size - (u64)*pos);
	return blkdev_transfer(bdev, buf, count, pos, false);
}

/* blkdev_write - f_op->write: up to @count bytes at *@pos; -ENOSPC at or past the end,
 * -EPERM on a read-only disk, -ETXTBSY on an active swap device. */
static ssize_t blkdev_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	struct block_device *bdev = file_bdev(file);
	u64 size = bdev_nr_bytes(bdev);

	if (bdev->read_only)
		return -EPERM;
	if (is_swap_bdev(bdev))
		return -ETXTBSY;
	if (*pos < 0)
		return -EINVAL;
	if (!count)
		return 0;
	if ((u64)*pos >= size)
		return -ENOSPC;
	count = min((u64)count, size - (u64)*pos);
	return blkdev_transfer(bdev, (char __user *)buf, count, pos, true);
}

/* blkdev_llseek - f_op->llseek (Linux's fixed_size_llseek): the new position in 0..size, or
 * -EINVAL (outside it, or an unknown @whence), -ENXIO (SEEK_DATA at or past the end). */
static loff_t blkdev_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t size = (loff_t)bdev_nr_bytes(file_bdev(file)), base, newpos;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = file->f_pos;
		break;
	case SEEK_END:
		base = size;
		break;
	case SEEK_DATA:		/* a disk is all data: no holes */
		if (offset < 0 || offset >= size)
			return -ENXIO;
		return file->f_pos = offset;
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		return file->f_pos = size;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, offset, &newpos) || newpos < 0 || newpos > size)
		return -EINVAL;
	file->f_pos = newpos;
	return newpos;
}

/* blkdev_fsync - f_op->fsync: flush the disk's write cache. 0, -EIO or -EINTR. */
static int blkdev_fsync(struct file *file, int datasync)
{
	(void)datasync;
	return blkdev_issue_flush(file_bdev(file));
}

/* blksize_bytes - Linux's initial block size of a disk: the largest power of two up to a
 * page that divides its size (set_init_blocksize). */
static int blksize_bytes(const struct block_device *bdev)
{
	u64 size = bdev_nr_bytes(bdev);
	unsigned int bsize = bdev->logical_block_size;

	while (bsize < PAGE_SIZE && !(size & bsize))
		bsize <<= 1;
	return (int)bsize;
}

/* blkdev_ioctl - f_op->ioctl: the block-device requests in fs/block_dev.h. 0, -EFAULT, or
 * -ENOTTY for any other request. */
static long blkdev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct block_device *bdev = file_bdev(file);
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case BLKGETSIZE64:
		return put_user((u64)bdev_nr_bytes(bdev), (u64 __user *)argp);
	case BLKGETSIZE:
		return put_user((unsigned long)bdev->nr_sectors, (unsigned long __user *)argp);
	case BLKSSZGET:
		return put_user((int)bdev->logical_block_size, (int __user *)argp);
	case BLKBSZGET:
		return put_user(blksize_bytes(bdev), (int __user *)argp);
	case BLKROGET:
		return put_user((int)bdev->read_only, (int __user *)argp);
	case BLKFLSBUF:
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations blkdev_fops = {
	.read = blkdev_read,
	.write = blkdev_write,
	.llseek = blkdev_llseek,
	.fsync = blkdev_fsync,
	.ioctl = blkdev_ioctl,
};

/* blkdev_open - def_blk_fops.open: find the disk of the node's number and switch @file to
 * blkdev_fops. 0, or -ENXIO if no disk has that number (Linux's answer too). */
static int blkdev_open(struct inode *inode, struct file *file)
{
	struct block_device *bdev = blkdev_get_by_dev(inode->i_rdev);

	if (!bdev)
		return -ENXIO;
	file->private_data = bdev;
	file->f_op = &blkdev_fops;
	return 0;
}

const struct file_operations def_blk_fops = {
	.open = blkdev_open,
};
