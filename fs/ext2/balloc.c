/*
 * fs/ext2/balloc.c - block allocation: each group's block bitmap (bit set = block in use),
 * allocation near a goal (the block after the file's previous one), freeing, and the free
 * counts in the group descriptors and the superblock.
 *
 * The "system zone" of a group (superblock and descriptor copies with the blocks reserved for
 * resize_inode, the two bitmaps, the inode table) is never handed out and never accepted as a
 * file's block: a corrupt bitmap or indirect block cannot make ext2 overwrite its metadata.
 */
#include "fs/ext2/ext2.h"
#include "kernel/printk.h"

/* in_system_zone - does block @block lie in its group's metadata? */
static bool in_system_zone(struct super_block *sb, u64 block)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group = (block - sbi->s_first_data_block) / sbi->s_blocks_per_group;
	unsigned long first = ext2_group_first_block(sb, group);
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, NULL);
	u64 itable;

	if (!gdp)
		return true;
	if (ext2_has_super(sb, group) &&
	    block < first + 1 + sbi->s_gdb_count +
		    le16_to_cpu(sbi->s_es->s_reserved_gdt_blocks))
		return true;
	itable = le32_to_cpu(gdp->bg_inode_table);
	return block == le32_to_cpu(gdp->bg_block_bitmap) ||
	       block == le32_to_cpu(gdp->bg_inode_bitmap) ||
	       (block >= itable && block < itable + sbi->s_itb_per_group);
}

/*
 * ext2_data_block_valid - may blocks [@start, @start + @count) belong to a file: inside the
 * file system and outside every group's system zone?
 */
bool ext2_data_block_valid(struct super_block *sb, u64 start, unsigned long count)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u64 b;

	if (start < sbi->s_first_data_block || count == 0 ||
	    start + count > sbi->s_blocks_count || start + count < start)
		return false;
	for (b = start; b < start + count; b++)
		if (in_system_zone(sb, b))
			return false;
	return true;
}

/*
 * read_block_bitmap - the block bitmap of @group, read and referenced, after checking that
 * the descriptor's bitmap, inode bitmap and inode table are marked in use in it. NULL (logged)
 * if it cannot be read or is inconsistent.
 */
static struct buffer_head *read_block_bitmap(struct super_block *sb, unsigned long group)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, NULL);
	unsigned long first = ext2_group_first_block(sb, group), i, itable;
	struct buffer_head *bh;

	if (!gdp)
		return NULL;
	bh = sb_bread(sb, le32_to_cpu(gdp->bg_block_bitmap));
	if (!bh) {
		EXT2_ERROR(sb, "Cannot read block bitmap - block_group = %lu, block_bitmap = %u",
			   group, le32_to_cpu(gdp->bg_block_bitmap));
		return NULL;
	}
	if (buffer_verified(bh))
		return bh;	/* checked when it was read (every allocation comes here) */
	itable = le32_to_cpu(gdp->bg_inode_table);
	if (!ext2_test_bit(le32_to_cpu(gdp->bg_block_bitmap) - first, bh->b_data) ||
	    !ext2_test_bit(le32_to_cpu(gdp->bg_inode_bitmap) - first, bh->b_data))
		goto bad;
	for (i = 0; i < sbi->s_itb_per_group; i++)
		if (!ext2_test_bit(itable + i - first, bh->b_data))
			goto bad;
	set_buffer_verified(bh);
	return bh;
bad:
	EXT2_ERROR(sb, "Invalid block bitmap - block_group = %lu, block = %u", group,
		   le32_to_cpu(gdp->bg_block_bitmap));
	brelse(bh);
	return NULL;
}

/* group_size - the number of blocks in @group (the last one may be short). */
static unsigned long group_size(struct super_block *sb, unsigned long group)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (group == sbi->s_groups_count - 1)
		return sbi->s_blocks_count - ext2_group_first_block(sb, group);
	return sbi->s_blocks_per_group;
}

/* adjust_free_blocks - add @delta to @group's and the superblock's free block counts. */
static void adjust_free_blocks(struct super_block *sb, struct ext2_group_desc *gdp,
			       struct buffer_head *gdbh, int delta)
{
	struct ext2_super_block *es = EXT2_SB(sb)->s_es;

	gdp->bg_free_blocks_count = cpu_to_le16(le16_to_cpu(gdp->bg_free_blocks_count) + delta);
	es->s_free_blocks_count = cpu_to_le32(le32_to_cpu(es->s_free_blocks_count) + delta);
	mark_buffer_dirty(gdbh);
	mark_buffer_dirty(EXT2_SB(sb)->s_sbh);
}

/*
 * try_group - allocate a free block of @group at or after bit @start (then from 0 if
 * @wrap). Returns the block, 0 if the group has none, or -errno.
 */
static long try_group(struct super_block *sb, unsigned long group, unsigned long start, bool wrap)
{
	struct buffer_head *gdbh, *bh;
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, &gdbh);
	unsigned long size = group_size(sb, group), bit;
	u64 block;

	if (!gdp)
		return -EIO;
	if (le16_to_cpu(gdp->bg_free_blocks_count) == 0)
		return 0;
	bh = read_block_bitmap(sb, group);
	if (!bh)
		return -EIO;
	bit = ext2_find_next_zero_bit(bh->b_data, size, start);
	if (bit >= size && wrap)
		bit = ext2_find_next_zero_bit(bh->b_data, size, 0);
	if (bit >= size) {
		brelse(bh);
		return 0;
	}
	block = ext2_group_first_block(sb, group) + bit;
	if (!ext2_data_block_valid(sb, block, 1)) {
		EXT2_ERROR(sb, "Allocating block in system zone - block = %llu",
			   (unsigned long long)block);
		brelse(bh);
		return -EIO;
	}
	ext2_set_bit(bit, bh->b_data);
	mark_buffer_dirty(bh);
	brelse(bh);
	adjust_free_blocks(sb, gdp, gdbh, -1);
	return block;
}

/*
 * ext2_new_block - allocate a block for @inode, as near @goal as possible (the goal's group
 * first, then the following groups). Adds it to i_blocks. Returns the block number, or 0
 * with *@err = -ENOSPC, -EIO (a corrupt bitmap) or -EROFS. The block's contents are junk.
 */
u32 ext2_new_block(struct ext2_inode_info *inode, u32 goal, int *err)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group, i, start;
	long block;

	*err = ext2_check_rw(sb);
	if (*err)
		return 0;
	if (goal < sbi->s_first_data_block || goal >= sbi->s_blocks_count)
		goal = ext2_group_first_block(sb, inode->i_block_group);
	group = (goal - sbi->s_first_data_block) / sbi->s_blocks_per_group;
	start = (goal - sbi->s_first_data_block) % sbi->s_blocks_per_group;
	for (i = 0; i < sbi->s_groups_count; i++) {
		block = try_group(sb, (group + i) % sbi->s_groups_count, i ? 0 : start, i == 0);
		if (block < 0) {
			*err = block;
			return 0;
		}
		if (block) {
			inode->i_blocks += sb->s_blocksize >> 9;
			return block;
		}
	}
	*err = -ENOSPC;
	return 0;
}

/*
 * ext2_free_blocks - free blocks [@block, @block + @count) of @inode (they leave i_blocks).
 * Returns 0, or -EIO (logged) if the range is outside the data zone or a block was already
 * free (a corrupt file system: the caller stops walking whatever pointed there).
 */
int ext2_free_blocks(struct ext2_inode_info *inode, u32 block, unsigned long count)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long i;

	if (!ext2_data_block_valid(sb, block, count)) {
		EXT2_ERROR(sb, "Freeing blocks not in datazone - block = %u, count = %lu",
			   block, count);
		return -EIO;
	}
	for (i = 0; i < count; i++) {
		u64 b = (u64)block + i;
		unsigned long group = (b - sbi->s_first_data_block) / sbi->s_blocks_per_group;
		unsigned long bit = (b - sbi->s_first_data_block) % sbi->s_blocks_per_group;
		struct buffer_head *gdbh, *bh;
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, &gdbh);

		if (!gdp)
			return -EIO;
		bh = read_block_bitmap(sb, group);
		if (!bh)
			return -EIO;
		if (!ext2_test_bit(bit, bh->b_data)) {
			EXT2_ERROR(sb, "bit already cleared for block %llu", (unsigned long long)b);
			brelse(bh);
			return -EIO;
		} else {
			ext2_clear_bit(bit, bh->b_data);
			mark_buffer_dirty(bh);
			adjust_free_blocks(sb, gdp, gdbh, 1);
			bforget_block(sb, b);	/* no stale write over its next owner */
			if (inode->i_blocks >= (sb->s_blocksize >> 9))
				inode->i_blocks -= sb->s_blocksize >> 9;
		}
		brelse(bh);
	}
	return 0;
}

/* ext2_count_free_blocks - the sum of the groups' free block counts. */
unsigned long ext2_count_free_blocks(struct super_block *sb)
{
	unsigned long i, n = 0;

	for (i = 0; i < EXT2_SB(sb)->s_groups_count; i++)
		n += le16_to_cpu(ext2_get_group_desc(sb, i, NULL)->bg_free_blocks_count);
	return n;
}
