/*
 * fs/tests/buffer_test.c - in-kernel self tests of the buffer cache (fs/buffer.c) over a RAM
 * "disk" (a kmalloc'ed array behind s_bdev_io): one buffer per block however often it is read,
 * dirty buffers written only by a sync, clean unreferenced ones kept on a bounded LRU list,
 * and I/O errors given back as NULL / -EIO with nothing left behind. (ext2 itself is tested on the host:
 * fs/tests/host/ext2_test.c.)
 */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "fs/buffer.h"
#include "mm/slab.h"

#define RAMDISK_BLOCKS	8
#define RAMDISK_BS	1024

struct ramdisk {
	char data[RAMDISK_BLOCKS * RAMDISK_BS];
	unsigned int reads, writes;
	sector_t bad_from;		/* blocks from here on fail with -EIO */
};

/* ramdisk_io - s_bdev_io of the RAM disk in sb->s_bdev_private. */
static int ramdisk_io(struct super_block *sb, sector_t block, char *data, size_t size, int op)
{
	struct ramdisk *rd = sb->s_bdev_private;

	if (block >= rd->bad_from || (block + 1) * size > sizeof(rd->data))
		return -EIO;
	if (op == REQ_OP_WRITE) {
		memcpy(rd->data + block * size, data, size);
		rd->writes++;
	} else {
		memcpy(data, rd->data + block * size, size);
		rd->reads++;
	}
	return 0;
}

/* ramdisk_sb - a super_block over a new RAM disk whose block b is filled with byte 'a' + b. */
static struct super_block *ramdisk_sb(void)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	struct ramdisk *rd = kzalloc(sizeof(*rd), GFP_KERNEL);
	unsigned int b;

	if (!sb || !rd) {
		kfree(sb);
		kfree(rd);
		return NULL;
	}
	for (b = 0; b < RAMDISK_BLOCKS; b++)
		memset(rd->data + b * RAMDISK_BS, 'a' + b, RAMDISK_BS);
	rd->bad_from = RAMDISK_BLOCKS;
	sb->s_bdev_private = rd;
	sb->s_bdev_size = sizeof(rd->data);
	sb->s_blocksize = RAMDISK_BS;
	sb->s_blocksize_bits = 10;
	sb->s_bdev_io = ramdisk_io;
	memcpy(sb->s_id, "ram0", 5);
	sb_buffers_init(sb);
	return sb;
}

static void ramdisk_free(struct super_block *sb)
{
	kfree(sb->s_bdev_private);
	kfree(sb);
}

KTEST(buffer_one_per_block_and_a_bounded_lru)
{
	struct super_block *sb = ramdisk_sb();
	struct ramdisk *rd;
	struct buffer_head *a, *b;
	unsigned int b_nr;

	KASSERT(t, sb != NULL);
	rd = sb->s_bdev_private;
	a = sb_bread(sb, 2);
	KASSERT(t, a != NULL);
	KEXPECT(t, a->b_data[0] == 'c' && a->b_data[RAMDISK_BS - 1] == 'c');
	b = sb_bread(sb, 2);
	KEXPECT(t, a == b);
	KEXPECT_EQ(t, a->b_count, 2);
	KEXPECT_EQ(t, rd->reads, 1);		/* the second read came from the cache */
	brelse(b);
	brelse(a);
	KEXPECT_EQ(t, sb->s_nr_lru, 1);		/* clean, unreferenced: on the LRU */
	a = sb_bread(sb, 2);
	KEXPECT_EQ(t, rd->reads, 1);		/* still cached */
	brelse(a);
	for (b_nr = 0; b_nr < BUFFER_LRU_MAX + 3; b_nr++)
		brelse(sb_bread(sb, b_nr % RAMDISK_BLOCKS));
	KEXPECT(t, sb->s_nr_lru <= BUFFER_LRU_MAX);
	b = sb_getblk(sb, 3);			/* no read */
	KASSERT(t, b != NULL);
	KEXPECT(t, b->b_data[0] == 'd');	/* already cached by the loop above */
	brelse(b);
	b = sb_getblk(sb, 1000);		/* never read, never filled */
	KASSERT(t, b != NULL);
	KEXPECT(t, !buffer_uptodate(b));
	brelse(b);				/* not kept */
	KEXPECT_EQ(t, invalidate_buffers(sb), 0);
	ramdisk_free(sb);
}

KTEST(buffer_dirty_reaches_the_disk_at_sync)
{
	struct super_block *sb = ramdisk_sb();
	struct ramdisk *rd;
	struct buffer_head *bh;

	KASSERT(t, sb != NULL);
	rd = sb->s_bdev_private;
	bh = sb_bread(sb, 5);
	KASSERT(t, bh != NULL);
	memset(bh->b_data, 'z', 10);
	mark_buffer_dirty(bh);
	brelse(bh);
	KEXPECT_EQ(t, sb->s_nr_buffers, 1);	/* dirty: kept */
	KEXPECT(t, rd->data[5 * RAMDISK_BS] == 'f');
	bh = sb_bread(sb, 5);			/* the cached, newer bytes */
	KEXPECT(t, bh && bh->b_data[0] == 'z');
	brelse(bh);
	KEXPECT_EQ(t, sync_blockdev(sb), 0);
	KEXPECT(t, rd->data[5 * RAMDISK_BS] == 'z' && rd->data[5 * RAMDISK_BS + 10] == 'f');
	KEXPECT_EQ(t, rd->writes, 1);
	KEXPECT_EQ(t, sb->s_nr_lru, 1);		/* clean and unreferenced now: on the LRU */
	KEXPECT_EQ(t, invalidate_buffers(sb), 0);
	ramdisk_free(sb);
}

KTEST(buffer_of_a_freed_block_is_never_written)
{
	struct super_block *sb = ramdisk_sb();
	struct ramdisk *rd;
	struct buffer_head *bh;

	KASSERT(t, sb != NULL);
	rd = sb->s_bdev_private;
	bh = sb_bread(sb, 4);
	KASSERT(t, bh != NULL);
	memset(bh->b_data, 'x', RAMDISK_BS);
	mark_buffer_dirty(bh);
	brelse(bh);
	bforget_block(sb, 4);			/* the file system freed block 4 */
	KEXPECT_EQ(t, sb->s_nr_buffers, 0);
	KEXPECT_EQ(t, sync_blockdev(sb), 0);
	KEXPECT_EQ(t, rd->writes, 0);
	KEXPECT(t, rd->data[4 * RAMDISK_BS] == 'e');
	KEXPECT_EQ(t, invalidate_buffers(sb), 0);
	ramdisk_free(sb);
}

KTEST(buffer_io_errors_are_null_and_eio)
{
	struct super_block *sb = ramdisk_sb();
	struct ramdisk *rd;
	struct buffer_head *bh;

	KASSERT(t, sb != NULL);
	rd = sb->s_bdev_private;
	rd->bad_from = 6;
	KEXPECT(t, sb_bread(sb, 6) == NULL);
	KEXPECT(t, sb_bread(sb, 100) == NULL);	/* past the end of the disk */
	KEXPECT_EQ(t, sb->s_nr_buffers, 0);
	bh = sb_getblk(sb, 7);
	KASSERT(t, bh != NULL);
	memset(bh->b_data, 'q', RAMDISK_BS);
	set_buffer_uptodate(bh);
	mark_buffer_dirty(bh);
	KEXPECT_EQ(t, sync_dirty_buffer(bh), -EIO);
	KEXPECT(t, buffer_dirty(bh));		/* not written: still dirty */
	brelse(bh);
	KEXPECT_EQ(t, sync_blockdev(sb), -EIO);
	KEXPECT_EQ(t, invalidate_buffers(sb), 0);	/* the lost write is dropped */
	KEXPECT_EQ(t, sb->s_nr_buffers, 0);
	KEXPECT_EQ(t, sb->s_nr_lru, 0);
	ramdisk_free(sb);
}
