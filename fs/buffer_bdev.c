/*
 * fs/buffer_bdev.c - the kernel's buffer I/O: a buffer_head's block read or written through
 * the block layer (bdev_rw_page), and sb_set_bdev() to put a mounted file system on a disk
 * (mount(2): fs/namespace.c).
 */
#include "fs/buffer.h"

#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "mm/page.h"

/*
 * blkdev_bh_io - s_bdev_io over the block layer: block @block of @size bytes is @size / 512
 * sectors at sector @block * (@size / 512). @data is a kmalloc'ed buffer of @size (a power of
 * two up to PAGE_SIZE, so aligned to its size and never across a page). Returns 0 or -EIO
 * (also when a fatal signal ended the wait: the caller's operation fails).
 */
static int blkdev_bh_io(struct super_block *sb, sector_t block, char *data, size_t size, int op)
{
	unsigned long addr = (unsigned long)data;
	int err = bdev_rw_page(sb->s_bdev, block * (size >> SECTOR_SHIFT), virt_to_page(data),
			       addr & (PAGE_SIZE - 1), size, op);

	return err ? -EIO : 0;
}

/*
 * blkdev_write_buffers - s_bdev_write_buffers over the block layer: one bio per buffer, all
 * submitted before the first is waited for. A fatal signal ends the waits (-EIO: the writes
 * go on and the bios keep their pages; the buffers are dirty again, to be written again).
 */
static int blkdev_write_buffers(struct super_block *sb, struct buffer_head **bhs, unsigned int n)
{
	struct bio *bios[SYNC_BATCH_MAX];
	unsigned int i;
	int ret = 0;

	if (n > SYNC_BATCH_MAX)
		return -EIO;
	for (i = 0; i < n; i++) {
		struct buffer_head *bh = bhs[i];
		unsigned long addr = (unsigned long)bh->b_data;
		struct bio *bio = bio_alloc(sb->s_bdev, REQ_OP_WRITE);

		bios[i] = bio;
		if (!bio)
			continue;
		bio->bi_iter.bi_sector = bh->b_blocknr * (bh->b_size >> SECTOR_SHIFT);
		if (bio_add_page(bio, virt_to_page(bh->b_data), bh->b_size,
				 addr & (PAGE_SIZE - 1)) != bh->b_size) {
			bio_put(bio);
			bios[i] = NULL;
			continue;
		}
		submit_bio_nowait(bio);
	}
	for (i = 0; i < n; i++) {
		struct buffer_head *bh = bhs[i];
		int err = bios[i] ? bio_await(bios[i]) : -ENOMEM;

		if (bios[i])
			bio_put(bios[i]);
		if (err) {
			pr_err("Buffer I/O error on dev %s, lost write of block %llu\n", sb->s_id,
			       (unsigned long long)bh->b_blocknr);
			mark_buffer_dirty(bh);
			ret = -EIO;
		}
	}
	return ret;
}

void sb_set_bdev(struct super_block *sb, struct block_device *bdev)
{
	sb->s_bdev = bdev;
	sb->s_bdev_size = bdev_nr_bytes(bdev);
	sb->s_bdev_io = blkdev_bh_io;
	sb->s_bdev_write_buffers = blkdev_write_buffers;
	memcpy(sb->s_id, bdev->bd_name, sizeof(bdev->bd_name));
	sb_buffers_init(sb);
}
