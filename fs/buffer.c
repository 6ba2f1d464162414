/*
 * fs/buffer.c - the buffer cache: one buffer_head per referenced, dirty or recently used block
 * of a mounted file system (see fs/buffer.h). Compiled into the kernel and into the host unit
 * tests; the I/O goes through sb->s_bdev_io.
 */
#include "fs/buffer.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/slab.h"

/* buffer_hash - the s_buffers list block @block hashes to. */
static struct list_head *buffer_hash(struct super_block *sb, sector_t block)
{
	return &sb->s_buffers[block % BUFFER_HASH_SIZE];
}

void sb_buffers_init(struct super_block *sb)
{
	unsigned int i;

	for (i = 0; i < BUFFER_HASH_SIZE; i++)
		INIT_LIST_HEAD(&sb->s_buffers[i]);
	INIT_LIST_HEAD(&sb->s_buffer_lru);
	sb->s_nr_lru = 0;
	sb->s_nr_buffers = 0;
}

/* lru_del - take @bh off the LRU list if it is there. */
static void lru_del(struct buffer_head *bh)
{
	if (list_empty(&bh->b_lru))
		return;
	list_del_init(&bh->b_lru);
	bh->b_sb->s_nr_lru--;
}

/* find_buffer - @block's buffer if it is cached, referenced once more; else NULL. */
static struct buffer_head *find_buffer(struct super_block *sb, sector_t block)
{
	struct buffer_head *bh;

	list_for_each_entry(bh, buffer_hash(sb, block), b_hash)
		if (bh->b_blocknr == block) {
			if (bh->b_count++ == 0)
				lru_del(bh);
			return bh;
		}
	return NULL;
}

/* free_buffer - unhash and free @bh (no references left). */
static void free_buffer(struct buffer_head *bh)
{
	lru_del(bh);
	list_del(&bh->b_hash);
	bh->b_sb->s_nr_buffers--;
	kfree(bh->b_data);
	kfree(bh);
}

/* lru_trim - free the oldest LRU buffers while there are more than BUFFER_LRU_MAX. */
static void lru_trim(struct super_block *sb)
{
	while (sb->s_nr_lru > BUFFER_LRU_MAX)
		free_buffer(list_first_entry(&sb->s_buffer_lru, struct buffer_head, b_lru));
}

/* buffer_unused - @bh just became clean and unreferenced: keep it on the LRU list (one never
 * filled, from sb_getblk, is simply freed). The caller trims the list. */
static void buffer_unused(struct buffer_head *bh)
{
	if (!buffer_uptodate(bh)) {
		free_buffer(bh);
		return;
	}
	list_add_tail(&bh->b_lru, &bh->b_sb->s_buffer_lru);
	bh->b_sb->s_nr_lru++;
}

struct buffer_head *sb_getblk(struct super_block *sb, sector_t block)
{
	struct buffer_head *bh = find_buffer(sb, block);

	if (bh)
		return bh;
	bh = kzalloc(sizeof(*bh), GFP_KERNEL);
	if (!bh)
		return NULL;
	bh->b_data = kmalloc(sb->s_blocksize, GFP_KERNEL);
	if (!bh->b_data) {
		kfree(bh);
		return NULL;
	}
	bh->b_blocknr = block;
	bh->b_size = sb->s_blocksize;
	bh->b_count = 1;
	bh->b_sb = sb;
	INIT_LIST_HEAD(&bh->b_lru);
	list_add(&bh->b_hash, buffer_hash(sb, block));
	sb->s_nr_buffers++;
	return bh;
}

struct buffer_head *sb_bread(struct super_block *sb, sector_t block)
{
	struct buffer_head *bh = sb_getblk(sb, block);

	if (!bh || buffer_uptodate(bh))
		return bh;
	if (sb->s_bdev_io(sb, block, bh->b_data, bh->b_size, REQ_OP_READ)) {
		pr_err("Buffer I/O error on dev %s, logical block %llu\n", sb->s_id,
		       (unsigned long long)block);
		brelse(bh);
		return NULL;
	}
	set_buffer_uptodate(bh);
	return bh;
}

void mark_buffer_dirty(struct buffer_head *bh)
{
	bh->b_state |= 1UL << BH_Dirty;
}

void brelse(struct buffer_head *bh)
{
	if (!bh)
		return;
	if (--bh->b_count == 0 && !buffer_dirty(bh)) {
		buffer_unused(bh);
		lru_trim(bh->b_sb);
	}
}

void bforget_block(struct super_block *sb, sector_t block)
{
	struct buffer_head *bh;

	list_for_each_entry(bh, buffer_hash(sb, block), b_hash)
		if (bh->b_blocknr == block) {
			bh->b_state &= ~(1UL << BH_Dirty);
			if (bh->b_count == 0)
				free_buffer(bh);
			return;
		}
}

int sync_dirty_buffer(struct buffer_head *bh)
{
	struct super_block *sb = bh->b_sb;

	if (!buffer_dirty(bh))
		return 0;
	if (sb->s_bdev_io(sb, bh->b_blocknr, bh->b_data, bh->b_size, REQ_OP_WRITE)) {
		pr_err("Buffer I/O error on dev %s, lost write of block %llu\n", sb->s_id,
		       (unsigned long long)bh->b_blocknr);
		return -EIO;
	}
	bh->b_state &= ~(1UL << BH_Dirty);
	if (bh->b_count == 0)
		buffer_unused(bh);	/* a dirty buffer nobody held: now an LRU one */
	return 0;
}


/*
 * sync_blockdev_batched - sync_blockdev with s_bdev_write_buffers: up to SYNC_BATCH_MAX dirty
 * buffers are taken (referenced, marked clean) and written at once, so the disk sees them
 * back to back; then the cache is searched again (it may have changed while we waited).
 */
static int sync_blockdev_batched(struct super_block *sb)
{
	struct buffer_head *batch[SYNC_BATCH_MAX], *bh;
	int err = 0;

	for (;;) {
		unsigned int n = 0, i;

		for (i = 0; i < BUFFER_HASH_SIZE && n < SYNC_BATCH_MAX; i++)
			list_for_each_entry(bh, &sb->s_buffers[i], b_hash) {
				if (!buffer_dirty(bh))
					continue;
				bh->b_count++;
				bh->b_state &= ~(1UL << BH_Dirty);
				batch[n++] = bh;
				if (n == SYNC_BATCH_MAX)
					break;
			}
		if (!n)
			return 0;
		err = sb->s_bdev_write_buffers(sb, batch, n);
		for (i = 0; i < n; i++)
			brelse(batch[i]);
		if (err)
			return err;	/* the failed ones are dirty again: not tried again now */
	}
}

int sync_blockdev(struct super_block *sb)
{
	struct buffer_head *bh, *next;
	unsigned int i;
	int err = 0, ret;

	if (sb->s_bdev_write_buffers) {
		err = sync_blockdev_batched(sb);
		if (!err)
			return 0;
		/* A write failed: try each dirty buffer once more, one at a time, below. */
	}
	for (i = 0; i < BUFFER_HASH_SIZE; i++)
		list_for_each_entry_safe(bh, next, &sb->s_buffers[i], b_hash) {
			ret = sync_dirty_buffer(bh);	/* frees nothing: no trim here */
			if (ret && !err)
				err = ret;
		}
	lru_trim(sb);
	return err;
}

unsigned long invalidate_buffers(struct super_block *sb)
{
	struct buffer_head *bh, *next;
	unsigned long busy = 0;
	unsigned int i;

	for (i = 0; i < BUFFER_HASH_SIZE; i++)
		list_for_each_entry_safe(bh, next, &sb->s_buffers[i], b_hash) {
			if (bh->b_count)
				busy++;
			else
				free_buffer(bh);
		}
	return busy;
}
