/*
 * fs/ext2/ialloc.c - inode allocation: each group's inode bitmap (bit set = inode in use),
 * choosing a group (a new file goes to its directory's group, near its data; a new directory
 * to a group with more free inodes and blocks than average, to spread the tree out), freeing,
 * and the free inode and used directory counts.
 */
#include "fs/ext2/ext2.h"
#include "kernel/printk.h"
#include "mm/slab.h"

/* read_inode_bitmap - the inode bitmap of @group, read and referenced; NULL (logged) on error. */
static struct buffer_head *read_inode_bitmap(struct super_block *sb, unsigned long group)
{
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, NULL);
	struct buffer_head *bh;

	if (!gdp)
		return NULL;
	bh = sb_bread(sb, le32_to_cpu(gdp->bg_inode_bitmap));
	if (!bh)
		EXT2_ERROR(sb, "Cannot read inode bitmap - block_group = %lu, inode_bitmap = %u",
			   group, le32_to_cpu(gdp->bg_inode_bitmap));
	return bh;
}

/* adjust_counts - add @delta to @group's and the superblock's free inode counts, and to the
 * group's used directory count if @dir. */
static void adjust_counts(struct super_block *sb, unsigned long group, int delta, bool dir)
{
	struct ext2_super_block *es = EXT2_SB(sb)->s_es;
	struct buffer_head *gdbh;
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, &gdbh);

	gdp->bg_free_inodes_count = cpu_to_le16(le16_to_cpu(gdp->bg_free_inodes_count) + delta);
	if (dir)
		gdp->bg_used_dirs_count = cpu_to_le16(le16_to_cpu(gdp->bg_used_dirs_count) - delta);
	es->s_free_inodes_count = cpu_to_le32(le32_to_cpu(es->s_free_inodes_count) + delta);
	mark_buffer_dirty(gdbh);
	mark_buffer_dirty(EXT2_SB(sb)->s_sbh);
}

/* find_group_dir - for a directory: the group with at least the average number of free
 * inodes that has the most free blocks. */
static unsigned long find_group_dir(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long avefreei = ext2_count_free_inodes(sb) / sbi->s_groups_count;
	unsigned long group, best = 0, best_blocks = 0;

	for (group = 0; group < sbi->s_groups_count; group++) {
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, NULL);

		if (!gdp->bg_free_inodes_count ||
		    le16_to_cpu(gdp->bg_free_inodes_count) < avefreei)
			continue;
		if (le16_to_cpu(gdp->bg_free_blocks_count) >= best_blocks) {
			best = group;
			best_blocks = le16_to_cpu(gdp->bg_free_blocks_count);
		}
	}
	return best;
}

/* find_group_other - for a file: its directory's group if that has free inodes and blocks,
 * else a quadratic probe from there for one with both. (The caller then scans linearly.) */
static unsigned long find_group_other(struct super_block *sb, unsigned long parent_group)
{
	unsigned long ngroups = EXT2_SB(sb)->s_groups_count, group = parent_group, i;

	for (i = 1; i < ngroups; i <<= 1) {
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, NULL);

		if (gdp->bg_free_inodes_count && gdp->bg_free_blocks_count)
			return group;
		group = (group + i) % ngroups;
	}
	return parent_group;
}

/*
 * take_free_inode - mark the first free inode of @group in use. Returns its number, 0 if
 * the group has none, or -EIO.
 */
static long take_free_inode(struct super_block *sb, unsigned long group, bool dir)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, NULL);
	unsigned long bit, start = 0;
	struct buffer_head *bh;

	if (!gdp)
		return -EIO;
	if (!gdp->bg_free_inodes_count)
		return 0;
	bh = read_inode_bitmap(sb, group);
	if (!bh)
		return -EIO;
	if (group == 0)
		start = sbi->s_first_ino - 1;	/* the reserved inodes, even if marked free */
	bit = ext2_find_next_zero_bit(bh->b_data, sbi->s_inodes_per_group, start);
	if (bit >= sbi->s_inodes_per_group) {
		brelse(bh);
		return 0;
	}
	ext2_set_bit(bit, bh->b_data);
	mark_buffer_dirty(bh);
	brelse(bh);
	adjust_counts(sb, group, -1, dir);
	return group * sbi->s_inodes_per_group + bit + 1;
}

/* clear_inode_bit - mark inode @ino free in its bitmap and the counts (a directory's if
 * @dir). A bit already clear is logged and changes nothing. */
static void clear_inode_bit(struct super_block *sb, unsigned long ino, bool dir)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group = (ino - 1) / sbi->s_inodes_per_group;
	unsigned long bit = (ino - 1) % sbi->s_inodes_per_group;
	struct buffer_head *bh = read_inode_bitmap(sb, group);

	if (!bh)
		return;
	if (!ext2_test_bit(bit, bh->b_data)) {
		EXT2_ERROR(sb, "bit already cleared for inode %lu", ino);
	} else {
		ext2_clear_bit(bit, bh->b_data);
		mark_buffer_dirty(bh);
		adjust_counts(sb, group, 1, dir);
	}
	brelse(bh);
}

/*
 * ext2_new_inode - allocate an inode for a new object of @mode in directory @dir: bitmap bit,
 * counts, a zeroed on-disk slot, and an in-memory inode with one link, owner root (group:
 * @dir's if it is set-group-ID), the time now. Returns it (referenced; the caller adds the link and puts it) or ERR_PTR(-ENOSPC,
 * -EIO, -ENOMEM, -EROFS).
 */
struct ext2_inode_info *ext2_new_inode(struct ext2_inode_info *dir, unsigned int mode)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	bool isdir = EXT2_S_ISDIR(mode);
	unsigned long group, i;
	struct ext2_inode_info *inode;
	long ino = 0;
	int err;

	err = ext2_check_rw(sb);
	if (err)
		return ERR_PTR(err);
	group = isdir ? find_group_dir(sb) : find_group_other(sb, dir->i_block_group);
	for (i = 0; i < sbi->s_groups_count; i++) {
		ino = take_free_inode(sb, (group + i) % sbi->s_groups_count, isdir);
		if (ino)
			break;
	}
	if (ino < 0)
		return ERR_PTR(ino);
	if (!ino)
		return ERR_PTR(-ENOSPC);
	/* Owner root (Faultline has no other credentials); a set-group-ID directory passes its
	 * group on, and to subdirectories its set-group-ID bit (Linux's inode_init_owner). */
	if ((dir->i_mode & EXT2_S_ISGID) && isdir)
		mode |= EXT2_S_ISGID;
	inode = ext2_iget_new(sb, ino, mode);
	if (PTR_ERR(inode) == -ENOMEM)
		clear_inode_bit(sb, ino, isdir);	/* (-EIO: the slot is somebody's) */
	if (!IS_ERR(inode) && (dir->i_mode & EXT2_S_ISGID))
		inode->i_gid = dir->i_gid;
	return inode;
}

/*
 * ext2_free_inode - give @inode's number back (its blocks are already freed and its on-disk
 * inode written with i_dtime): clear its bitmap bit and count it free.
 */
void ext2_free_inode(struct ext2_inode_info *inode)
{
	struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);

	if (inode->i_ino < sbi->s_first_ino || inode->i_ino > sbi->s_inodes_count) {
		EXT2_ERROR(inode->i_sb, "reserved or nonexistent inode %lu", inode->i_ino);
		return;
	}
	clear_inode_bit(inode->i_sb, inode->i_ino, EXT2_S_ISDIR(inode->i_mode));
}

/* ext2_count_free_inodes - the sum of the groups' free inode counts. */
unsigned long ext2_count_free_inodes(struct super_block *sb)
{
	unsigned long i, n = 0;

	for (i = 0; i < EXT2_SB(sb)->s_groups_count; i++)
		n += le16_to_cpu(ext2_get_group_desc(sb, i, NULL)->bg_free_inodes_count);
	return n;
}
