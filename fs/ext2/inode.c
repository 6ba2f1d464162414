/*
 * fs/ext2/inode.c - inodes: reading and writing them in the inode tables, the in-memory
 * inode cache (one ext2_inode_info per inode number while referenced), the block map
 * (ext2_get_block over i_block[]'s direct, single, double and triple indirect blocks) and
 * truncation, which frees data blocks and the indirect blocks it empties.
 *
 * A file's block number n (its "iblock") is found by ext2_block_to_path(): the first 12 are
 * in i_block[0..11]; the next addr_per_block behind the indirect block i_block[12]; the next
 * addr_per_block^2 behind the double indirect block i_block[13]; the rest behind the triple
 * indirect block i_block[14]. A zero anywhere on the path is a hole.
 */
#include "fs/ext2/ext2.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"

/*
 * ext2_get_raw_inode - the on-disk inode @ino in its inode table block, which is returned
 * referenced in *@bhp. ERR_PTR(-EIO) (logged) for a number out of range or a bad table.
 */
static struct ext2_inode *ext2_get_raw_inode(struct super_block *sb, unsigned long ino,
					     struct buffer_head **bhp)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gdp;
	unsigned long group, offset, block;

	if ((ino != EXT2_ROOT_INO && ino < sbi->s_first_ino) || ino > sbi->s_inodes_count) {
		EXT2_ERROR(sb, "bad inode number: %lu", ino);
		return ERR_PTR(-EIO);
	}
	group = (ino - 1) / sbi->s_inodes_per_group;
	gdp = ext2_get_group_desc(sb, group, NULL);
	if (!gdp)
		return ERR_PTR(-EIO);
	offset = ((ino - 1) % sbi->s_inodes_per_group) * sbi->s_inode_size;
	block = le32_to_cpu(gdp->bg_inode_table) + (offset >> sb->s_blocksize_bits);
	*bhp = sb_bread(sb, block);
	if (!*bhp) {
		EXT2_ERROR(sb, "unable to read inode block - inode=%lu, block=%lu", ino, block);
		return ERR_PTR(-EIO);
	}
	return (struct ext2_inode *)((*bhp)->b_data + (offset & (sb->s_blocksize - 1)));
}

/* ext2_max_size - the largest file size the block map (and i_blocks) can describe. */
u64 ext2_max_size(struct super_block *sb)
{
	u64 apb = EXT2_SB(sb)->s_addr_per_block;
	u64 blocks = EXT2_NDIR_BLOCKS + apb + apb * apb + apb * apb * apb;
	u64 limit = (((1ULL << 32) - 1) >> (sb->s_blocksize_bits - 9)) - (3 + 2 * apb + apb * apb);

	return min(blocks, limit) << sb->s_blocksize_bits;
}

/* find_cached - the in-memory inode @ino, referenced once more, or NULL. */
static struct ext2_inode_info *find_cached(struct super_block *sb, unsigned long ino)
{
	struct ext2_inode_info *inode;

	list_for_each_entry(inode, &EXT2_SB(sb)->s_inodes, i_list)
		if (inode->i_ino == ino)
			return ext2_igrab(inode);
	return NULL;
}

/* alloc_inode - a zeroed in-memory inode @ino, referenced once and in the cache. */
static struct ext2_inode_info *alloc_inode(struct super_block *sb, unsigned long ino)
{
	struct ext2_inode_info *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->i_ino = ino;
	inode->i_sb = sb;
	inode->i_count = 1;
	inode->i_block_group = (ino - 1) / EXT2_SB(sb)->s_inodes_per_group;
	list_add(&inode->i_list, &EXT2_SB(sb)->s_inodes);
	EXT2_SB(sb)->s_nr_inodes++;
	return inode;
}

/* destroy_inode - take @inode out of the cache and free it. */
static void destroy_inode(struct ext2_inode_info *inode)
{
	list_del(&inode->i_list);
	EXT2_SB(inode->i_sb)->s_nr_inodes--;
	kfree(inode);
}

/*
 * ext2_inode_is_fast_symlink - a symlink whose target is in i_block itself: no data block
 * (an extended-attribute block aside), and a target shorter than i_block (a new slow link
 * has its size set before its block is written).
 */
bool ext2_inode_is_fast_symlink(struct ext2_inode_info *inode)
{
	u64 ea_blocks = inode->i_file_acl ? inode->i_sb->s_blocksize >> 9 : 0;

	return EXT2_S_ISLNK(inode->i_mode) && inode->i_blocks - ea_blocks == 0 &&
	       inode->i_size < sizeof(inode->i_data);
}

/* ext2_inode_valid - is the decoded @inode something ext2 can work with? Logs why not. */
static bool ext2_inode_valid(struct super_block *sb, struct ext2_inode_info *inode)
{
	switch (inode->i_mode & EXT2_S_IFMT) {
	case EXT2_S_IFREG:
		break;
	case EXT2_S_IFDIR:
		if (inode->i_size == 0 || inode->i_size & (sb->s_blocksize - 1) ||
		    (inode->i_size >> sb->s_blocksize_bits) > EXT2_SB(sb)->s_blocks_count) {
			EXT2_ERROR(sb, "directory #%lu has a bad size %llu", inode->i_ino,
				   (unsigned long long)inode->i_size);
			return false;
		}
		break;
	case EXT2_S_IFLNK:
		if (inode->i_size == 0 || inode->i_size >= sb->s_blocksize ||
		    (ext2_inode_is_fast_symlink(inode) &&
		     inode->i_size >= sizeof(inode->i_data))) {
			EXT2_ERROR(sb, "symlink #%lu has a bad size %llu", inode->i_ino,
				   (unsigned long long)inode->i_size);
			return false;
		}
		break;
	case 0020000: case 0060000: case 0010000: case 0140000:	/* chr, blk, fifo, sock */
		break;
	default:
		EXT2_ERROR(sb, "bad mode 0%o in inode #%lu", inode->i_mode, inode->i_ino);
		return false;
	}
	if (inode->i_size > ext2_max_size(sb)) {
		EXT2_ERROR(sb, "inode #%lu is too large (%llu)", inode->i_ino,
			   (unsigned long long)inode->i_size);
		return false;
	}
	return true;
}

/*
 * ext2_iget - the inode @ino, referenced (put it with ext2_iput). Read from its inode table
 * the first time, and checked: a number out of range, a deleted inode or a bad mode or size is
 * ERR_PTR(-EIO) (logged); ERR_PTR(-ENOMEM).
 */
struct ext2_inode_info *ext2_iget(struct super_block *sb, unsigned long ino)
{
	struct ext2_inode_info *inode = find_cached(sb, ino);
	struct buffer_head *bh;
	struct ext2_inode *raw;
	unsigned int i;

	if (inode)
		return inode;
	raw = ext2_get_raw_inode(sb, ino, &bh);
	if (IS_ERR(raw))
		return ERR_PTR(PTR_ERR(raw));
	inode = alloc_inode(sb, ino);
	if (!inode) {
		brelse(bh);
		return ERR_PTR(-ENOMEM);
	}
	inode->i_mode = le16_to_cpu(raw->i_mode);
	inode->i_uid = le16_to_cpu(raw->i_uid) | (u32)le16_to_cpu(raw->l_i_uid_high) << 16;
	inode->i_gid = le16_to_cpu(raw->i_gid) | (u32)le16_to_cpu(raw->l_i_gid_high) << 16;
	inode->i_links_count = le16_to_cpu(raw->i_links_count);
	inode->i_size = le32_to_cpu(raw->i_size);
	if (EXT2_S_ISREG(inode->i_mode))
		inode->i_size |= (u64)le32_to_cpu(raw->i_size_high) << 32;
	inode->i_atime = le32_to_cpu(raw->i_atime);
	inode->i_ctime = le32_to_cpu(raw->i_ctime);
	inode->i_mtime = le32_to_cpu(raw->i_mtime);
	inode->i_dtime = le32_to_cpu(raw->i_dtime);
	inode->i_blocks = le32_to_cpu(raw->i_blocks);
	inode->i_flags = le32_to_cpu(raw->i_flags);
	inode->i_file_acl = le32_to_cpu(raw->i_file_acl);
	inode->i_generation = le32_to_cpu(raw->i_generation);
	for (i = 0; i < EXT2_N_BLOCKS; i++)
		inode->i_data[i] = le32_to_cpu(raw->i_block[i]);
	brelse(bh);
	if (inode->i_links_count == 0 || !ext2_inode_valid(sb, inode)) {
		if (inode->i_links_count == 0)
			EXT2_ERROR(sb, "deleted inode referenced: %lu", ino);
		destroy_inode(inode);
		return ERR_PTR(-EIO);
	}
	return inode;
}

/*
 * ext2_iget_new - the in-memory inode for number @ino just taken from the inode bitmap (by
 * ext2_new_inode): one link, @mode, owner root, times now; its on-disk slot zeroed. ERR_PTR(
 * -EIO) if @ino is in use in memory or its table is unreadable (a corrupt bitmap), -ENOMEM.
 */
struct ext2_inode_info *ext2_iget_new(struct super_block *sb, unsigned long ino,
				      unsigned int mode)
{
	struct ext2_inode_info *inode = find_cached(sb, ino);
	struct buffer_head *bh;
	struct ext2_inode *raw;
	static u32 generation;

	if (inode) {
		EXT2_ERROR(sb, "inode %lu allocated twice (corrupt inode bitmap)", ino);
		ext2_iput(inode);
		return ERR_PTR(-EIO);
	}
	raw = ext2_get_raw_inode(sb, ino, &bh);
	if (IS_ERR(raw))
		return ERR_PTR(PTR_ERR(raw));
	memset(raw, 0, EXT2_SB(sb)->s_inode_size);
	mark_buffer_dirty(bh);
	brelse(bh);
	inode = alloc_inode(sb, ino);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_mode = mode;
	inode->i_links_count = 1;
	inode->i_generation = ++generation;
	inode->i_atime = inode->i_ctime = inode->i_mtime = (u32)ktime_get_real_seconds();
	return inode;
}

/* ext2_igrab - take another reference to @inode; returns it. */
struct ext2_inode_info *ext2_igrab(struct ext2_inode_info *inode)
{
	inode->i_count++;
	return inode;
}

/*
 * ext2_write_inode - copy @inode into its slot of the inode table (the buffer is marked
 * dirty; ext2_sync_fs writes it). Bytes past the fields ext2 knows (the extra space of a
 * 256-byte inode) are kept. Returns 0 or -EIO.
 */
int ext2_write_inode(struct ext2_inode_info *inode)
{
	struct super_block *sb = inode->i_sb;
	struct buffer_head *bh;
	struct ext2_inode *raw;
	unsigned int i;

	if (sb->s_flags & SB_RDONLY)
		return 0;
	raw = ext2_get_raw_inode(sb, inode->i_ino, &bh);
	if (IS_ERR(raw))
		return PTR_ERR(raw);
	raw->i_mode = cpu_to_le16(inode->i_mode);
	raw->i_uid = cpu_to_le16(inode->i_uid & 0xffff);
	raw->l_i_uid_high = cpu_to_le16(inode->i_uid >> 16);
	raw->i_gid = cpu_to_le16(inode->i_gid & 0xffff);
	raw->l_i_gid_high = cpu_to_le16(inode->i_gid >> 16);
	raw->i_links_count = cpu_to_le16(inode->i_links_count);
	raw->i_size = cpu_to_le32((u32)inode->i_size);
	if (EXT2_S_ISREG(inode->i_mode))
		raw->i_size_high = cpu_to_le32((u32)(inode->i_size >> 32));
	raw->i_atime = cpu_to_le32(inode->i_atime);
	raw->i_ctime = cpu_to_le32(inode->i_ctime);
	raw->i_mtime = cpu_to_le32(inode->i_mtime);
	raw->i_dtime = cpu_to_le32(inode->i_dtime);
	raw->i_blocks = cpu_to_le32((u32)inode->i_blocks);
	raw->i_flags = cpu_to_le32(inode->i_flags);
	raw->i_file_acl = cpu_to_le32(inode->i_file_acl);
	raw->i_generation = cpu_to_le32(inode->i_generation);
	for (i = 0; i < EXT2_N_BLOCKS; i++)
		raw->i_block[i] = cpu_to_le32(inode->i_data[i]);
	mark_buffer_dirty(bh);
	brelse(bh);
	if (inode->i_size > 0x7fffffffULL && EXT2_S_ISREG(inode->i_mode)) {
		struct ext2_super_block *es = EXT2_SB(sb)->s_es;

		if (!(le32_to_cpu(es->s_feature_ro_compat) & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
			es->s_feature_ro_compat |= cpu_to_le32(EXT2_FEATURE_RO_COMPAT_LARGE_FILE);
			if (le32_to_cpu(es->s_rev_level) == EXT2_GOOD_OLD_REV)
				EXT2_ERROR(sb, "large file on a revision 0 file system");
			mark_buffer_dirty(EXT2_SB(sb)->s_sbh);
		}
	}
	return 0;
}

/* ext2_touch - the inode changed now: ctime, and mtime if @mtime (its data changed). */
void ext2_touch(struct ext2_inode_info *inode, bool mtime)
{
	inode->i_ctime = (u32)ktime_get_real_seconds();
	if (mtime)
		inode->i_mtime = inode->i_ctime;
}


/* has_block_map - does i_block[] hold block numbers (not a device number or a link target)? */
static bool has_block_map(struct ext2_inode_info *inode)
{
	return EXT2_S_ISREG(inode->i_mode) || EXT2_S_ISDIR(inode->i_mode) ||
	       (EXT2_S_ISLNK(inode->i_mode) && !ext2_inode_is_fast_symlink(inode));
}

/*
 * ext2_iput - drop a reference to @inode. The last one writes it back; if it has no links
 * left, its blocks are freed and its number given back first (as Linux's ext2_evict_inode).
 * ext2_iput(NULL) or an ERR_PTR does nothing.
 */
void ext2_iput(struct ext2_inode_info *inode)
{
	if (IS_ERR_OR_NULL(inode) || --inode->i_count > 0)
		return;
	if (inode->i_links_count == 0 && !(inode->i_sb->s_flags & SB_RDONLY) && !inode->i_bad) {
		inode->i_dtime = (u32)ktime_get_real_seconds();
		if (has_block_map(inode))
			ext2_setsize(inode, 0);
		ext2_xattr_delete_inode(inode);
		inode->i_size = 0;
		ext2_write_inode(inode);
		ext2_free_inode(inode);
	} else if (!inode->i_bad) {
		ext2_write_inode(inode);
	}
	destroy_inode(inode);
}

/* ext2_nr_live_inodes - in-memory inodes of @sb (tests check that none leak). */
unsigned int ext2_nr_live_inodes(struct super_block *sb)
{
	return EXT2_SB(sb)->s_nr_inodes;
}

/*
 * ext2_block_to_path - the path to file block @iblock: @offsets[0] is the index in i_block,
 * @offsets[1..] the indexes in the indirect blocks below. Returns the path's length (1 to 4),
 * or 0 if @iblock is beyond the triple indirect block's reach.
 */
static int ext2_block_to_path(struct ext2_inode_info *inode, u64 iblock, unsigned int offsets[4])
{
	unsigned int bits = EXT2_SB(inode->i_sb)->s_addr_per_block_bits;
	u64 apb = 1ULL << bits, mask = apb - 1;

	if (iblock < EXT2_NDIR_BLOCKS) {
		offsets[0] = iblock;
		return 1;
	}
	iblock -= EXT2_NDIR_BLOCKS;
	if (iblock < apb) {
		offsets[0] = EXT2_IND_BLOCK;
		offsets[1] = iblock;
		return 2;
	}
	iblock -= apb;
	if (iblock < apb * apb) {
		offsets[0] = EXT2_DIND_BLOCK;
		offsets[1] = iblock >> bits;
		offsets[2] = iblock & mask;
		return 3;
	}
	iblock -= apb * apb;
	if (iblock < apb * apb * apb) {
		offsets[0] = EXT2_TIND_BLOCK;
		offsets[1] = iblock >> (2 * bits);
		offsets[2] = (iblock >> bits) & mask;
		offsets[3] = iblock & mask;
		return 4;
	}
	return 0;
}

/* find_goal - where to put a block for slot @slot of @table (i_data or an indirect block
 * @bh): after the nearest earlier block in the same table, else after the table itself,
 * else at the start of the inode's group. */
static u32 find_goal(struct ext2_inode_info *inode, const u32 *table, const u32 *slot,
		     struct buffer_head *bh)
{
	const u32 *p;

	for (p = slot; p > table; p--)
		if (p[-1])
			return le32_to_cpu(p[-1]) + 1;
	if (bh)
		return bh->b_blocknr + 1;
	return ext2_group_first_block(inode->i_sb, inode->i_block_group);
}

/*
 * alloc_branch_block - allocate the block for the empty @slot (an indirect block, zeroed, if
 * @indirect; else a data block, left as junk) and store it there; mark @bh (the table holding
 * @slot, NULL for i_data) dirty. Returns the block, or 0 with *@err set. For an indirect
 * block *@nbh is its buffer (referenced).
 */
static u32 alloc_branch_block(struct ext2_inode_info *inode, const u32 *table, u32 *slot,
			      struct buffer_head *bh, bool indirect, struct buffer_head **nbh,
			      int *err)
{
	u32 nr = ext2_new_block(inode, find_goal(inode, table, slot, bh), err);

	if (!nr)
		return 0;
	if (indirect) {
		*nbh = sb_getblk(inode->i_sb, nr);
		if (!*nbh) {
			ext2_free_blocks(inode, nr, 1);
			*err = -ENOMEM;
			return 0;
		}
		memset((*nbh)->b_data, 0, (*nbh)->b_size);
		set_buffer_uptodate(*nbh);
		mark_buffer_dirty(*nbh);
	}
	*slot = cpu_to_le32(nr);
	if (bh)
		mark_buffer_dirty(bh);
	return nr;
}

/*
 * ext2_get_block - map file block @iblock of @inode: on success @bh_result is BH_Mapped with
 * b_blocknr the disk block, or left unmapped for a hole when !@create. With @create a hole is
 * filled: a new data block (BH_New: its contents are junk, the caller zeroes what it does not
 * write) and any missing indirect blocks (zeroed). The caller writes the inode afterwards
 * (i_data and i_blocks may change). Returns 0, -EFBIG beyond the block map, -ENOSPC, -EROFS,
 * or -EIO for a corrupt block pointer (logged).
 */
int ext2_get_block(struct ext2_inode_info *inode, sector_t iblock, struct buffer_head *bh_result,
		   int create)
{
	struct super_block *sb = inode->i_sb;
	unsigned int offsets[4];
	int depth = ext2_block_to_path(inode, iblock, offsets), level, err;
	struct buffer_head *bh = NULL, *nbh;
	u32 *table = inode->i_data, *slot;

	bh_result->b_state &= ~((1UL << BH_Mapped) | (1UL << BH_New));
	if (!depth)
		return -EFBIG;
	if (inode->i_bad || !has_block_map(inode))
		return -EIO;
	slot = &table[offsets[0]];
	for (level = 0; level < depth; level++) {
		bool last = level == depth - 1;
		u32 nr = le32_to_cpu(*slot);

		nbh = NULL;
		if (!nr) {
			if (!create) {
				brelse(bh);
				return 0;
			}
			nr = alloc_branch_block(inode, table, slot, bh, !last, &nbh, &err);
			if (!nr) {
				brelse(bh);
				return err;
			}
			if (last)
				set_buffer_new(bh_result);
		} else if (!ext2_data_block_valid(sb, nr, 1)) {
			EXT2_ERROR(sb, "inode %lu: bad block %u (level %d, file block %llu)",
				   inode->i_ino, nr, level, (unsigned long long)iblock);
			brelse(bh);
			return -EIO;
		}
		if (last) {
			brelse(bh);
			bh_result->b_blocknr = nr;
			set_buffer_mapped(bh_result);
			return 0;
		}
		if (!nbh)
			nbh = sb_bread(sb, nr);
		brelse(bh);
		if (!nbh)
			return -EIO;
		bh = nbh;
		table = (u32 *)bh->b_data;
		slot = &table[offsets[level + 1]];
	}
	brelse(bh);
	return -EIO;	/* not reached */
}

/*
 * free_branch - free what block @nr (a data block if @depth is 0, else an indirect block of
 * that depth) maps at or after file block @from, given that it maps file blocks from @start.
 * Returns 1 if @nr itself was freed (the caller clears its pointer), 0 if it stays (it still
 * maps blocks before @from), or -EIO on a corrupt pointer or a double free: the caller stops.
 */
static int free_branch(struct ext2_inode_info *inode, u32 nr, int depth, u64 start, u64 from)
{
	struct super_block *sb = inode->i_sb;
	unsigned long apb = EXT2_SB(sb)->s_addr_per_block, i;
	u64 span = 1;
	struct buffer_head *bh;
	bool empty = true;
	u32 *p;
	int ret, d;

	if (depth == 0)
		return ext2_free_blocks(inode, nr, 1) ? -EIO : 1;
	if (!ext2_data_block_valid(sb, nr, 1)) {
		EXT2_ERROR(sb, "inode %lu: bad indirect block %u", inode->i_ino, nr);
		return -EIO;
	}
	for (d = 1; d < depth; d++)
		span *= apb;
	bh = sb_bread(sb, nr);
	if (!bh)
		return -EIO;
	p = (u32 *)bh->b_data;
	for (i = 0; i < apb; i++) {
		u64 cstart = start + i * span;

		if (!p[i])
			continue;
		if (cstart + span <= from) {
			empty = false;
			continue;
		}
		ret = free_branch(inode, le32_to_cpu(p[i]), depth - 1, cstart, from);
		if (ret < 0) {
			brelse(bh);
			return ret;
		}
		if (ret) {
			p[i] = 0;
			mark_buffer_dirty(bh);
		} else {
			empty = false;
		}
	}
	brelse(bh);
	if (!empty)
		return 0;
	return ext2_free_blocks(inode, nr, 1) ? -EIO : 1;
}

/*
 * ext2_truncate_blocks - free every block of @inode's map at or after file block @from,
 * and indirect blocks left empty. Returns 0 or -EIO (a corrupt map: logged, the rest of it
 * is left alone).
 */
static int ext2_truncate_blocks(struct ext2_inode_info *inode, u64 from)
{
	u64 apb = EXT2_SB(inode->i_sb)->s_addr_per_block;
	u64 start = EXT2_NDIR_BLOCKS;
	int i, ret;

	for (i = 0; i < EXT2_N_BLOCKS; i++) {
		int depth = i < EXT2_NDIR_BLOCKS ? 0 : i - EXT2_NDIR_BLOCKS + 1;
		u64 first = i < EXT2_NDIR_BLOCKS ? (u64)i : start, span = 1;
		int d;

		for (d = 0; d < depth; d++)
			span *= apb;
		if (i >= EXT2_NDIR_BLOCKS)
			start += span;
		if (!inode->i_data[i] || first + span <= from)
			continue;
		ret = free_branch(inode, inode->i_data[i], depth, first, from);
		if (ret < 0) {
			inode->i_bad = true;
			return ret;
		}
		if (ret)
			inode->i_data[i] = 0;
	}
	return 0;
}

/* zero_tail - zero block-tail bytes of @inode from byte @pos to the end of its block (if
 * that block is mapped), so a file grown later reads zeros there. */
static int zero_tail(struct ext2_inode_info *inode, u64 pos)
{
	struct super_block *sb = inode->i_sb;
	unsigned long off = pos & (sb->s_blocksize - 1);
	struct buffer_head map = { 0 }, *bh;
	int err;

	if (!off || (EXT2_SB(sb)->s_pagecache_data && EXT2_S_ISREG(inode->i_mode)))
		return 0;
	err = ext2_get_block(inode, pos >> sb->s_blocksize_bits, &map, 0);
	if (err || !buffer_mapped(&map))
		return err;
	bh = sb_bread(sb, map.b_blocknr);
	if (!bh)
		return -EIO;
	memset(bh->b_data + off, 0, sb->s_blocksize - off);
	mark_buffer_dirty(bh);
	brelse(bh);
	return 0;
}

/*
 * ext2_setsize - truncate(2) for @inode: set i_size to @newsize; shrinking frees the blocks
 * past it (and emptied indirect blocks), growing leaves a hole. The inode is written.
 * Returns 0, -EFBIG, -EINVAL (not a file with a block map), -EROFS or -EIO.
 */
int ext2_setsize(struct ext2_inode_info *inode, u64 newsize)
{
	struct super_block *sb = inode->i_sb;
	int err = ext2_check_rw(sb);

	if (err)
		return err;
	if (!has_block_map(inode))
		return -EINVAL;
	if (inode->i_bad)
		return -EIO;
	if (newsize > ext2_max_size(sb))
		return -EFBIG;
	err = zero_tail(inode, min(newsize, inode->i_size));
	if (!err)
		err = ext2_truncate_blocks(inode, DIV_ROUND_UP(newsize, sb->s_blocksize));
	if (err)
		return err;
	inode->i_size = newsize;
	ext2_touch(inode, true);
	return ext2_write_inode(inode);
}
