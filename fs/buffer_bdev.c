/*
 * fs/buffer_bdev.c - the kernel's buffer I/O: a buffer_head's block read or written through
 * the block layer (bdev_rw_page), and sb_set_bdev() to put a mounted file system on a disk
 * (mount(2): fs/namespace.c).
 */
#include "fs/buffer.h"

#include "kernel/errno.h"
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

void sb_set_bdev(struct super_block *sb, struct block_device *bdev)
{
	sb->s_bdev = bdev;
	sb->s_bdev_size = bdev_nr_bytes(bdev);
	sb->s_bdev_io = blkdev_bh_io;
	memcpy(sb->s_id, bdev->bd_name, sizeof(bdev->bd_name));
	sb_buffers_init(sb);
}
