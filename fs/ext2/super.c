/*
 * fs/ext2/super.c - mounting an ext2 file system: the superblock's checks, the group
 * descriptor table, statfs, sync and unmount; ext2_error() for structures found bad later.
 *
 * A hostile image must not get past ext2_fill_super() with numbers the rest of the code
 * would trust: every field used to compute an address or a loop bound is checked here, and
 * what cannot be checked once (an inode, a directory block, an indirect block) is checked
 * where it is read.
 */
#include "fs/ext2/ext2.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "mm/slab.h"

/*
 * ext2_error - log "EXT2-fs error (device vda): function: message" for a bad on-disk
 * structure and record the error in the superblock (s_state's EXT2_ERROR_FS, so e2fsck checks
 * the disk). The caller fails its operation with -EIO.
 */
void ext2_error(struct super_block *sb, const char *function, const char *fmt, ...)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err("EXT2-fs error (device %s): %s: %s\n", sb->s_id, function, msg);
	if (sbi && sbi->s_es && !(sb->s_flags & SB_RDONLY)) {
		sbi->s_es->s_state |= cpu_to_le16(EXT2_ERROR_FS);
		mark_buffer_dirty(sbi->s_sbh);
	}
}

/* ext2_check_rw - 0 if @sb may be written, -EROFS on a read-only mount. */
int ext2_check_rw(struct super_block *sb)
{
	return (sb->s_flags & SB_RDONLY) ? -EROFS : 0;
}

/*
 * ext2_get_group_desc - the descriptor of block group @group (checked at mount), and in *@bh
 * (if not NULL) the buffer holding it, not referenced again: the table stays in memory while
 * mounted. NULL (logged) if @group is out of range.
 */
struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, unsigned long group,
					    struct buffer_head **bh)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long block = group / sbi->s_desc_per_block;
	unsigned long off = group % sbi->s_desc_per_block;

	if (group >= sbi->s_groups_count) {
		EXT2_ERROR(sb, "block_group >= groups_count - block_group = %lu, groups_count = %lu",
			   group, sbi->s_groups_count);
		return NULL;
	}
	if (bh)
		*bh = sbi->s_group_desc[block];
	return (struct ext2_group_desc *)sbi->s_group_desc[block]->b_data + off;
}

/* ext2_group_first_block - the first block of group @group. */
unsigned long ext2_group_first_block(struct super_block *sb, unsigned long group)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	return sbi->s_first_data_block + group * sbi->s_blocks_per_group;
}

/* is_power_of - is @a a power of @b (1 counts)? */
static bool is_power_of(unsigned long a, unsigned long b)
{
	while (a > 1 && a % b == 0)
		a /= b;
	return a == 1;
}

/*
 * ext2_has_super - does group @group hold a copy of the superblock and descriptors? All do
 * without sparse_super; with it, groups 0, 1 and powers of 3, 5 and 7.
 */
bool ext2_has_super(struct super_block *sb, unsigned long group)
{
	struct ext2_super_block *es = EXT2_SB(sb)->s_es;

	if (group <= 1 || !(le32_to_cpu(es->s_feature_ro_compat) &
			    EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	return is_power_of(group, 3) || is_power_of(group, 5) || is_power_of(group, 7);
}

/* group_last_block - the last block of group @group (the last group may be short). */
static unsigned long group_last_block(struct super_block *sb, unsigned long group)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (group == sbi->s_groups_count - 1)
		return sbi->s_blocks_count - 1;
	return ext2_group_first_block(sb, group) + sbi->s_blocks_per_group - 1;
}

/*
 * ext2_check_descriptors - every group's bitmaps and inode table lie inside the group, and
 * its free counts fit in it. Returns false (logged) on the first bad descriptor.
 */
static bool ext2_check_descriptors(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long i;

	for (i = 0; i < sbi->s_groups_count; i++) {
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, i, NULL);
		unsigned long first = ext2_group_first_block(sb, i);
		unsigned long last = group_last_block(sb, i);
		unsigned long itable = le32_to_cpu(gdp->bg_inode_table);

		if (le32_to_cpu(gdp->bg_block_bitmap) < first ||
		    le32_to_cpu(gdp->bg_block_bitmap) > last) {
			pr_err("EXT2-fs (%s): error: Block bitmap for group %lu not in group (block %u)!\n",
			       sb->s_id, i, le32_to_cpu(gdp->bg_block_bitmap));
			return false;
		}
		if (le32_to_cpu(gdp->bg_inode_bitmap) < first ||
		    le32_to_cpu(gdp->bg_inode_bitmap) > last) {
			pr_err("EXT2-fs (%s): error: Inode bitmap for group %lu not in group (block %u)!\n",
			       sb->s_id, i, le32_to_cpu(gdp->bg_inode_bitmap));
			return false;
		}
		if (itable < first || itable + sbi->s_itb_per_group - 1 > last) {
			pr_err("EXT2-fs (%s): error: Inode table for group %lu not in group (block %lu)!\n",
			       sb->s_id, i, itable);
			return false;
		}
		if (le16_to_cpu(gdp->bg_free_blocks_count) > last - first + 1 ||
		    le16_to_cpu(gdp->bg_free_inodes_count) > sbi->s_inodes_per_group ||
		    le16_to_cpu(gdp->bg_used_dirs_count) > sbi->s_inodes_per_group) {
			pr_err("EXT2-fs (%s): error: Counts of group %lu out of range\n", sb->s_id, i);
			return false;
		}
	}
	return true;
}

/*
 * ext2_check_features - refuse images that need what this driver lacks: unknown incompat
 * features always (extents, 64bit, flex_bg, meta_bg, a journal to recover, ...), unknown
 * ro_compat features on a read-write mount (as Linux). Returns 0 or -EINVAL (logged).
 */
static int ext2_check_features(struct super_block *sb, struct ext2_super_block *es)
{
	u32 incompat = le32_to_cpu(es->s_feature_incompat);
	u32 ro_compat = le32_to_cpu(es->s_feature_ro_compat);

	if (le32_to_cpu(es->s_rev_level) == EXT2_GOOD_OLD_REV)
		return 0;	/* revision 0 has no feature fields */
	if (incompat & ~EXT2_FEATURE_INCOMPAT_SUPP) {
		pr_err("EXT2-fs (%s): error: couldn't mount because of unsupported optional features (%x)\n",
		       sb->s_id, incompat & ~EXT2_FEATURE_INCOMPAT_SUPP);
		return -EINVAL;
	}
	if ((ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP) && !(sb->s_flags & SB_RDONLY)) {
		pr_err("EXT2-fs (%s): error: couldn't mount RDWR because of unsupported optional features (%x)\n",
		       sb->s_id, ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP);
		return -EINVAL;
	}
	return 0;
}

/*
 * ext2_check_geometry - fill @sbi's derived numbers from @es and check that they describe a
 * file system that fits the disk: block and inode sizes, group sizes, group count against
 * the block and inode counts. Returns 0 or -EINVAL (logged).
 */
static int ext2_check_geometry(struct super_block *sb, struct ext2_sb_info *sbi,
			       struct ext2_super_block *es)
{
	unsigned long bs = sb->s_blocksize;
	u64 groups;

	if (le32_to_cpu(es->s_rev_level) == EXT2_GOOD_OLD_REV) {
		sbi->s_inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		sbi->s_first_ino = EXT2_GOOD_OLD_FIRST_INO;
	} else {
		sbi->s_inode_size = le16_to_cpu(es->s_inode_size);
		sbi->s_first_ino = le32_to_cpu(es->s_first_ino);
	}
	if (sbi->s_inode_size < EXT2_GOOD_OLD_INODE_SIZE || sbi->s_inode_size > bs ||
	    (sbi->s_inode_size & (sbi->s_inode_size - 1))) {
		pr_err("EXT2-fs (%s): error: unsupported inode size: %u\n", sb->s_id,
		       sbi->s_inode_size);
		return -EINVAL;
	}
	sbi->s_blocks_count = le32_to_cpu(es->s_blocks_count);
	sbi->s_inodes_count = le32_to_cpu(es->s_inodes_count);
	sbi->s_first_data_block = le32_to_cpu(es->s_first_data_block);
	sbi->s_blocks_per_group = le32_to_cpu(es->s_blocks_per_group);
	sbi->s_inodes_per_group = le32_to_cpu(es->s_inodes_per_group);
	sbi->s_inodes_per_block = bs / sbi->s_inode_size;
	sbi->s_desc_per_block = bs / sizeof(struct ext2_group_desc);
	sbi->s_addr_per_block = bs / sizeof(u32);
	sbi->s_addr_per_block_bits = sb->s_blocksize_bits - 2;
	if (sbi->s_first_data_block != (bs == 1024 ? 1u : 0u) ||
	    sbi->s_blocks_count <= sbi->s_first_data_block + 1) {
		pr_err("EXT2-fs (%s): error: bad first data block %lu / block count %lu\n",
		       sb->s_id, sbi->s_first_data_block, sbi->s_blocks_count);
		return -EINVAL;
	}
	if (sb->s_bdev_size && (u64)sbi->s_blocks_count * bs > sb->s_bdev_size) {
		pr_err("EXT2-fs (%s): error: block count %lu exceeds size of device (%llu blocks)\n",
		       sb->s_id, sbi->s_blocks_count,
		       (unsigned long long)(sb->s_bdev_size / bs));
		return -EINVAL;
	}
	if (sbi->s_blocks_per_group == 0 || sbi->s_blocks_per_group > bs * 8 ||
	    le32_to_cpu(es->s_frags_per_group) != sbi->s_blocks_per_group) {
		pr_err("EXT2-fs (%s): error: #blocks per group invalid: %lu\n", sb->s_id,
		       sbi->s_blocks_per_group);
		return -EINVAL;
	}
	if (sbi->s_inodes_per_group < sbi->s_inodes_per_block ||
	    sbi->s_inodes_per_group > bs * 8 ||
	    sbi->s_inodes_per_group % sbi->s_inodes_per_block) {
		pr_err("EXT2-fs (%s): error: #inodes per group invalid: %lu\n", sb->s_id,
		       sbi->s_inodes_per_group);
		return -EINVAL;
	}
	sbi->s_itb_per_group = sbi->s_inodes_per_group / sbi->s_inodes_per_block;
	groups = DIV_ROUND_UP((u64)sbi->s_blocks_count - sbi->s_first_data_block,
			      sbi->s_blocks_per_group);
	sbi->s_groups_count = groups;
	if (groups * sbi->s_inodes_per_group != sbi->s_inodes_count) {
		pr_err("EXT2-fs (%s): error: inodes count %lu is not groups %llu * inodes per group %lu\n",
		       sb->s_id, sbi->s_inodes_count, (unsigned long long)groups,
		       sbi->s_inodes_per_group);
		return -EINVAL;
	}
	if (sbi->s_first_ino < EXT2_GOOD_OLD_FIRST_INO || sbi->s_first_ino >= sbi->s_inodes_count) {
		pr_err("EXT2-fs (%s): error: invalid first ino: %lu\n", sb->s_id, sbi->s_first_ino);
		return -EINVAL;
	}
	if (le32_to_cpu(es->s_free_blocks_count) > sbi->s_blocks_count ||
	    le32_to_cpu(es->s_free_inodes_count) > sbi->s_inodes_count ||
	    le32_to_cpu(es->s_r_blocks_count) > sbi->s_blocks_count) {
		pr_err("EXT2-fs (%s): error: free counts exceed the totals\n", sb->s_id);
		return -EINVAL;
	}
	sbi->s_gdb_count = DIV_ROUND_UP(sbi->s_groups_count, sbi->s_desc_per_block);
	return 0;
}

/* ext2_load_descriptors - read the group descriptor table into sbi->s_group_desc. */
static int ext2_load_descriptors(struct super_block *sb, struct ext2_sb_info *sbi)
{
	unsigned long i;

	if (sbi->s_first_data_block + 1 + sbi->s_gdb_count > sbi->s_blocks_count)
		return -EINVAL;
	sbi->s_group_desc = kzalloc(sbi->s_gdb_count * sizeof(*sbi->s_group_desc), GFP_KERNEL);
	if (!sbi->s_group_desc)
		return -ENOMEM;
	for (i = 0; i < sbi->s_gdb_count; i++) {
		sbi->s_group_desc[i] = sb_bread(sb, sbi->s_first_data_block + 1 + i);
		if (!sbi->s_group_desc[i]) {
			pr_err("EXT2-fs (%s): error: unable to read group descriptors\n", sb->s_id);
			return -EIO;
		}
	}
	if (!ext2_check_descriptors(sb))
		return -EINVAL;
	return 0;
}

/* ext2_release_sbi - drop what ext2_fill_super took (any part of it) and free @sbi. */
static void ext2_release_sbi(struct super_block *sb, struct ext2_sb_info *sbi)
{
	unsigned long i;

	if (sbi->s_group_desc)
		for (i = 0; i < sbi->s_gdb_count; i++)
			brelse(sbi->s_group_desc[i]);
	kfree(sbi->s_group_desc);
	brelse(sbi->s_sbh);
	kfree(sbi);
	sb->s_fs_info = NULL;
}

/* ext2_check_root - the root inode must be a sane directory. */
static int ext2_check_root(struct super_block *sb)
{
	struct ext2_inode_info *root = ext2_iget(sb, EXT2_ROOT_INO);
	int err = 0;

	if (IS_ERR(root))
		return PTR_ERR(root) == -ENOMEM ? -ENOMEM : -EINVAL;
	if (!EXT2_S_ISDIR(root->i_mode) || root->i_size == 0 || root->i_links_count < 2) {
		pr_err("EXT2-fs (%s): error: corrupt root inode, run e2fsck\n", sb->s_id);
		err = -EINVAL;
	}
	ext2_iput(root);
	return err;
}

/*
 * ext2_fill_super - mount: read and check the superblock and group descriptors of the disk
 * behind @sb (s_bdev_io, s_bdev_size, s_id and s_flags set by the caller; the buffer cache
 * initialised). Sets sb->s_fs_info and the block size. Returns 0, or -EINVAL for a disk that
 * is not a supported, consistent ext2 (a log line says why, unless @silent and it is simply
 * not ext2), -EIO, -ENOMEM. On failure nothing stays allocated.
 */
int ext2_fill_super(struct super_block *sb, bool silent)
{
	struct ext2_sb_info *sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	struct ext2_super_block *es;
	u32 log;
	int err;

	if (!sbi)
		return -ENOMEM;
	INIT_LIST_HEAD(&sbi->s_inodes);
	sb->s_fs_info = sbi;
	sb->s_blocksize = 1024;		/* the superblock is block 1 of a 1 KiB view */
	sb->s_blocksize_bits = 10;
	sbi->s_sbh = sb_bread(sb, 1);
	err = -EIO;
	if (!sbi->s_sbh) {
		pr_err("EXT2-fs (%s): error: unable to read superblock\n", sb->s_id);
		goto fail;
	}
	es = (struct ext2_super_block *)sbi->s_sbh->b_data;
	err = -EINVAL;
	if (le16_to_cpu(es->s_magic) != EXT2_SUPER_MAGIC) {
		if (!silent)
			pr_err("VFS: Can't find an ext2 filesystem on dev %s.\n", sb->s_id);
		goto fail;
	}
	log = le32_to_cpu(es->s_log_block_size);
	if (log > EXT2_MAX_BLOCK_LOG_SIZE - EXT2_MIN_BLOCK_LOG_SIZE) {
		pr_err("EXT2-fs (%s): error: unsupported blocksize (log %u)\n", sb->s_id, log);
		goto fail;
	}
	if (le32_to_cpu(es->s_rev_level) > EXT2_DYNAMIC_REV) {
		pr_err("EXT2-fs (%s): error: unsupported revision level %u\n", sb->s_id,
		       le32_to_cpu(es->s_rev_level));
		goto fail;
	}
	err = ext2_check_features(sb, es);
	if (err)
		goto fail;
	if (log) {
		/* Re-read the superblock inside a block of the real size. */
		brelse(sbi->s_sbh);
		sbi->s_sbh = NULL;
		if (invalidate_buffers(sb))
			goto fail;
		sb->s_blocksize = 1024UL << log;
		sb->s_blocksize_bits = 10 + log;
		sbi->s_sbh = sb_bread(sb, 0);
		err = -EIO;
		if (!sbi->s_sbh)
			goto fail;
		es = (struct ext2_super_block *)(sbi->s_sbh->b_data + EXT2_SUPER_OFFSET);
		err = -EINVAL;
		if (le16_to_cpu(es->s_magic) != EXT2_SUPER_MAGIC ||
		    le32_to_cpu(es->s_log_block_size) != log)
			goto fail;
	}
	sbi->s_es = es;
	err = ext2_check_geometry(sb, sbi, es);
	if (err)
		goto fail;
	err = ext2_load_descriptors(sb, sbi);
	if (err)
		goto fail;
	err = ext2_check_root(sb);
	if (err)
		goto fail;
	if (!(le16_to_cpu(es->s_state) & EXT2_VALID_FS) ||
	    (le16_to_cpu(es->s_state) & EXT2_ERROR_FS))
		pr_warn("EXT2-fs (%s): warning: mounting unchecked fs, running e2fsck is recommended\n",
			sb->s_id);
	if (!(sb->s_flags & SB_RDONLY)) {
		es->s_mnt_count = cpu_to_le16(le16_to_cpu(es->s_mnt_count) + 1);
		es->s_mtime = cpu_to_le32((u32)ktime_get_real_seconds());
		mark_buffer_dirty(sbi->s_sbh);
	}
	return 0;
fail:
	ext2_release_sbi(sb, sbi);
	invalidate_buffers(sb);
	return err;
}

/*
 * ext2_sync_fs - bring the superblock's free counts up to date from the group descriptors,
 * stamp s_wtime and write every dirty buffer. Returns 0 or -EIO.
 */
int ext2_sync_fs(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;

	if (!(sb->s_flags & SB_RDONLY)) {
		es->s_free_blocks_count = cpu_to_le32(ext2_count_free_blocks(sb));
		es->s_free_inodes_count = cpu_to_le32(ext2_count_free_inodes(sb));
		es->s_wtime = cpu_to_le32((u32)ktime_get_real_seconds());
		mark_buffer_dirty(sbi->s_sbh);
	}
	return sync_blockdev(sb);
}

/*
 * ext2_put_super - unmount: sync, then free the in-memory superblock. Every inode must have
 * been put (a leak is logged). The caller calls invalidate_buffers() afterwards.
 */
void ext2_put_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (sbi->s_nr_inodes)
		pr_err("EXT2-fs (%s): %lu inodes still in use at unmount\n", sb->s_id,
		       sbi->s_nr_inodes);
	ext2_sync_fs(sb);
	ext2_release_sbi(sb, sbi);
}

/* ext2_statfs - the numbers statfs(2) reports: blocks, free blocks (all, and those a
 * non-root user may take), inodes, free inodes. */
void ext2_statfs(struct super_block *sb, struct ext2_kstatfs *buf)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long r = le32_to_cpu(sbi->s_es->s_r_blocks_count);

	buf->f_bsize = sb->s_blocksize;
	buf->f_blocks = sbi->s_blocks_count - sbi->s_first_data_block;
	buf->f_bfree = ext2_count_free_blocks(sb);
	buf->f_bavail = buf->f_bfree > r ? buf->f_bfree - r : 0;
	buf->f_files = sbi->s_inodes_count;
	buf->f_ffree = ext2_count_free_inodes(sb);
	buf->f_namelen = EXT2_NAME_LEN;
}
