/*
 * fs/ext2/dir.c - directories: a directory's data blocks hold a chain of ext2_dir_entry_2
 * records, each rec_len bytes long (its name, padded to 4, plus slack up to the next record);
 * the records of a block cover it exactly. An entry with inode 0 is unused.
 *
 * Adding a name takes an unused record or splits one with enough slack; deleting merges the
 * record into the one before it (or zeroes its inode if it is first in its block). Every block
 * is checked when read (ext2_check_dir_block), so the walks below can trust rec_len and
 * name_len. A hashed (dir_index) directory still reads linearly; modifying one clears
 * EXT2_INDEX_FL, as Linux's ext2 does, so e2fsck rebuilds no stale index.
 */
#include "fs/ext2/ext2.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"

#define EXT2_DIR_MIN_REC_LEN	EXT2_DIR_REC_LEN(1)

/* next_entry - the record after @de. */
static struct ext2_dir_entry_2 *next_entry(struct ext2_dir_entry_2 *de)
{
	return (struct ext2_dir_entry_2 *)((char *)de + le16_to_cpu(de->rec_len));
}

/* ext2_check_dir_block - are the records of @bh (a block of @dir) well formed? Logs why not. */
static bool ext2_check_dir_block(struct ext2_inode_info *dir, struct buffer_head *bh)
{
	struct super_block *sb = dir->i_sb;
	unsigned long off = 0, bs = sb->s_blocksize;
	const char *error;

	while (off < bs) {
		struct ext2_dir_entry_2 *de = (struct ext2_dir_entry_2 *)(bh->b_data + off);
		unsigned int rec_len;

		if (bs - off < EXT2_DIR_MIN_REC_LEN) {
			error = "directory entry across blocks";
			goto bad;
		}
		rec_len = le16_to_cpu(de->rec_len);
		if (rec_len < EXT2_DIR_MIN_REC_LEN) {
			error = "rec_len is smaller than minimal";
			goto bad;
		}
		if (rec_len & 3) {
			error = "unaligned directory entry";
			goto bad;
		}
		if (rec_len < EXT2_DIR_REC_LEN(de->name_len)) {
			error = "rec_len is too small for name_len";
			goto bad;
		}
		if (off + rec_len > bs) {
			error = "directory entry across blocks";
			goto bad;
		}
		if (le32_to_cpu(de->inode) > EXT2_SB(sb)->s_inodes_count) {
			error = "inode out of bounds";
			goto bad;
		}
		off += rec_len;
	}
	return true;
bad:
	EXT2_ERROR(sb, "bad entry in directory #%lu: %s - block=%llu, offset=%lu",
		   dir->i_ino, error, (unsigned long long)bh->b_blocknr, off);
	return false;
}

/* dir_blocks - the number of blocks of @dir (its size is a checked multiple of the block). */
static unsigned long dir_blocks(struct ext2_inode_info *dir)
{
	return dir->i_size >> dir->i_sb->s_blocksize_bits;
}

/* ext2_dir_block - block @n of @dir, read, checked and referenced; ERR_PTR(-EIO) for a hole
 * or a bad block (logged), -ENOMEM. */
static struct buffer_head *ext2_dir_block(struct ext2_inode_info *dir, unsigned long n)
{
	struct buffer_head map = { 0 }, *bh;
	int err = ext2_get_block(dir, n, &map, 0);

	if (err)
		return ERR_PTR(err);
	if (!buffer_mapped(&map)) {
		EXT2_ERROR(dir->i_sb, "directory #%lu contains a hole at block %lu", dir->i_ino, n);
		return ERR_PTR(-EIO);
	}
	bh = sb_bread(dir->i_sb, map.b_blocknr);
	if (!bh)
		return ERR_PTR(-EIO);
	if (!ext2_check_dir_block(dir, bh)) {
		brelse(bh);
		return ERR_PTR(-EIO);
	}
	return bh;
}

/* entry_matches - does the live record @de hold the name @name (@len bytes)? */
static bool entry_matches(struct ext2_dir_entry_2 *de, const char *name, size_t len)
{
	return de->inode && de->name_len == len && !memcmp(de->name, name, len);
}

/*
 * ext2_find_entry - the record for @name in @dir, in the referenced *@bhp, with the record
 * before it in its block (or NULL) in *@prevp if @prevp is not NULL. ERR_PTR(-ENOENT) if there
 * is none, -EIO, -ENOMEM.
 */
static struct ext2_dir_entry_2 *ext2_find_entry(struct ext2_inode_info *dir, const char *name,
						size_t len, struct buffer_head **bhp,
						struct ext2_dir_entry_2 **prevp)
{
	unsigned long n, nblocks = dir_blocks(dir);

	for (n = 0; n < nblocks; n++) {
		struct buffer_head *bh = ext2_dir_block(dir, n);
		struct ext2_dir_entry_2 *de, *prev = NULL;
		char *end;

		if (IS_ERR(bh))
			return ERR_PTR(PTR_ERR(bh));
		end = bh->b_data + bh->b_size;
		for (de = (void *)bh->b_data; (char *)de < end; prev = de, de = next_entry(de))
			if (entry_matches(de, name, len)) {
				*bhp = bh;
				if (prevp)
					*prevp = prev;
				return de;
			}
		brelse(bh);
	}
	return ERR_PTR(-ENOENT);
}

/* ext2_inode_by_name - the inode number @name (@len bytes) has in @dir: 0 and *@ino, or
 * -ENOENT, -EIO, -ENOMEM. */
int ext2_inode_by_name(struct ext2_inode_info *dir, const char *name, size_t len,
		       unsigned long *ino)
{
	struct buffer_head *bh;
	struct ext2_dir_entry_2 *de = ext2_find_entry(dir, name, len, &bh, NULL);

	if (IS_ERR(de))
		return PTR_ERR(de);
	*ino = le32_to_cpu(de->inode);
	brelse(bh);
	return 0;
}

/* ext2_file_type - the directory entry's file type for mode @mode (0 without the filetype
 * feature). */
static u8 ext2_file_type(struct super_block *sb, unsigned int mode)
{
	if (!(le32_to_cpu(EXT2_SB(sb)->s_es->s_feature_incompat) & EXT2_FEATURE_INCOMPAT_FILETYPE))
		return 0;
	switch (mode & EXT2_S_IFMT) {
	case EXT2_S_IFREG:	return EXT2_FT_REG_FILE;
	case EXT2_S_IFDIR:	return EXT2_FT_DIR;
	case EXT2_S_IFLNK:	return EXT2_FT_SYMLINK;
	case 0020000:		return EXT2_FT_CHRDEV;
	case 0060000:		return EXT2_FT_BLKDEV;
	case 0010000:		return EXT2_FT_FIFO;
	case 0140000:		return EXT2_FT_SOCK;
	}
	return EXT2_FT_UNKNOWN;
}

/* dir_changed - @dir's entries changed: drop the hash index, stamp and write it. */
static int dir_changed(struct ext2_inode_info *dir)
{
	dir->i_flags &= ~EXT2_INDEX_FL;
	ext2_touch(dir, true);
	return ext2_write_inode(dir);
}

/* fill_entry - make record @de point at @inode under @name. */
static void fill_entry(struct super_block *sb, struct ext2_dir_entry_2 *de, const char *name,
		       size_t len, struct ext2_inode_info *inode)
{
	de->inode = cpu_to_le32(inode->i_ino);
	de->name_len = len;
	de->file_type = ext2_file_type(sb, inode->i_mode);
	memcpy(de->name, name, len);
}

/*
 * find_slot - a record of @dir's block @bh that can take a @reclen-byte entry: an unused one
 * big enough, or a live one with that much slack, which is split (the new half returned).
 * NULL if the block has no room.
 */
static struct ext2_dir_entry_2 *find_slot(struct buffer_head *bh, unsigned int reclen)
{
	char *end = bh->b_data + bh->b_size;
	struct ext2_dir_entry_2 *de;

	for (de = (void *)bh->b_data; (char *)de < end; de = next_entry(de)) {
		unsigned int rec_len = le16_to_cpu(de->rec_len);
		unsigned int used = EXT2_DIR_REC_LEN(de->name_len);

		if (!de->inode && rec_len >= reclen)
			return de;
		if (de->inode && rec_len >= used + reclen) {
			struct ext2_dir_entry_2 *de1 = (void *)((char *)de + used);

			de1->rec_len = cpu_to_le16(rec_len - used);
			de->rec_len = cpu_to_le16(used);
			return de1;
		}
	}
	return NULL;
}

/*
 * ext2_add_link - add the entry @name (@len bytes, not already in @dir: the caller looked)
 * for @inode to directory @dir, growing it by a block if no block has room. Does not change
 * @inode's link count. Returns 0, -ENAMETOOLONG, -ENOSPC, -EFBIG, -EROFS, -EIO, -ENOMEM.
 */
int ext2_add_link(struct ext2_inode_info *dir, const char *name, size_t len,
		  struct ext2_inode_info *inode)
{
	struct super_block *sb = dir->i_sb;
	unsigned long n, nblocks = dir_blocks(dir);
	unsigned int reclen = EXT2_DIR_REC_LEN(len);
	struct ext2_dir_entry_2 *de = NULL;
	struct buffer_head *bh = NULL, map = { 0 };
	int err = ext2_check_rw(sb);

	if (err)
		return err;
	if (len == 0 || len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	for (n = 0; n < nblocks && !de; n++) {
		bh = ext2_dir_block(dir, n);
		if (IS_ERR(bh))
			return PTR_ERR(bh);
		de = find_slot(bh, reclen);
		if (!de)
			brelse(bh);
	}
	if (!de) {
		err = ext2_get_block(dir, nblocks, &map, 1);
		if (err)
			return err;
		bh = sb_getblk(sb, map.b_blocknr);
		if (!bh)
			return -ENOMEM;	/* the block stays in the map, past i_size */
		memset(bh->b_data, 0, bh->b_size);
		set_buffer_uptodate(bh);
		de = (void *)bh->b_data;
		de->rec_len = cpu_to_le16(sb->s_blocksize);
		dir->i_size += sb->s_blocksize;
	}
	fill_entry(sb, de, name, len, inode);
	mark_buffer_dirty(bh);
	brelse(bh);
	return dir_changed(dir);
}

/*
 * ext2_delete_entry - remove the entry @name from @dir: merge its record into the previous
 * one, or mark it unused if it is first in its block. The inode it named is not touched.
 * Returns 0, -ENOENT, -EROFS, -EIO.
 */
int ext2_delete_entry(struct ext2_inode_info *dir, const char *name, size_t len)
{
	struct ext2_dir_entry_2 *de, *prev;
	struct buffer_head *bh;
	int err = ext2_check_rw(dir->i_sb);

	if (err)
		return err;
	de = ext2_find_entry(dir, name, len, &bh, &prev);
	if (IS_ERR(de))
		return PTR_ERR(de);
	if (prev)
		prev->rec_len = cpu_to_le16(le16_to_cpu(prev->rec_len) + le16_to_cpu(de->rec_len));
	else
		de->inode = 0;
	mark_buffer_dirty(bh);
	brelse(bh);
	return dir_changed(dir);
}

/* ext2_set_link - make @dir's existing entry @name name @inode instead (rename over a target;
 * ".." of a moved directory). Returns 0, -ENOENT, -EROFS, -EIO. */
int ext2_set_link(struct ext2_inode_info *dir, const char *name, size_t len,
		  struct ext2_inode_info *inode)
{
	struct ext2_dir_entry_2 *de;
	struct buffer_head *bh;
	int err = ext2_check_rw(dir->i_sb);

	if (err)
		return err;
	de = ext2_find_entry(dir, name, len, &bh, NULL);
	if (IS_ERR(de))
		return PTR_ERR(de);
	fill_entry(dir->i_sb, de, name, len, inode);
	mark_buffer_dirty(bh);
	brelse(bh);
	return dir_changed(dir);
}

/* ext2_make_empty - give the new directory @inode its first block: "." (itself) and ".."
 * (@parent). Sets i_size and writes the inode. Returns 0 or -errno. */
int ext2_make_empty(struct ext2_inode_info *inode, struct ext2_inode_info *parent)
{
	struct super_block *sb = inode->i_sb;
	struct buffer_head map = { 0 }, *bh;
	struct ext2_dir_entry_2 *de;
	int err = ext2_get_block(inode, 0, &map, 1);

	if (err)
		return err;
	bh = sb_getblk(sb, map.b_blocknr);
	if (!bh)
		return -ENOMEM;
	memset(bh->b_data, 0, bh->b_size);
	set_buffer_uptodate(bh);
	de = (void *)bh->b_data;
	de->rec_len = cpu_to_le16(EXT2_DIR_REC_LEN(1));
	fill_entry(sb, de, ".", 1, inode);
	de = next_entry(de);
	de->rec_len = cpu_to_le16(sb->s_blocksize - EXT2_DIR_REC_LEN(1));
	fill_entry(sb, de, "..", 2, parent);
	mark_buffer_dirty(bh);
	brelse(bh);
	inode->i_size = sb->s_blocksize;
	return ext2_write_inode(inode);
}

/* is_dot_or_dotdot - is @de "." or ".."? */
static bool is_dot_or_dotdot(struct ext2_dir_entry_2 *de)
{
	return (de->name_len == 1 && de->name[0] == '.') ||
	       (de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.');
}

/* ext2_empty_dir - 1 if directory @inode holds nothing but "." and "..", 0 if it holds more,
 * -EIO if it cannot be read. */
int ext2_empty_dir(struct ext2_inode_info *inode)
{
	unsigned long n, nblocks = dir_blocks(inode);

	for (n = 0; n < nblocks; n++) {
		struct buffer_head *bh = ext2_dir_block(inode, n);
		struct ext2_dir_entry_2 *de;
		char *end;

		if (IS_ERR(bh))
			return PTR_ERR(bh);
		end = bh->b_data + bh->b_size;
		for (de = (void *)bh->b_data; (char *)de < end; de = next_entry(de))
			if (de->inode && !is_dot_or_dotdot(de)) {
				brelse(bh);
				return 0;
			}
		brelse(bh);
	}
	return 1;
}

/*
 * ext2_readdir - call @filldir for each live entry of @dir from byte position *@pos (a
 * position between entries; one inside a record resumes at the next record), advancing *@pos
 * past each entry passed. Stops when @filldir returns nonzero (that entry is passed again next
 * time). Returns 0, or -EIO / -ENOMEM.
 */
int ext2_readdir(struct ext2_inode_info *dir, u64 *pos, ext2_filldir_t filldir, void *ctx)
{
	struct super_block *sb = dir->i_sb;
	unsigned long n, nblocks = dir_blocks(dir);
	unsigned int bits = sb->s_blocksize_bits;

	for (n = *pos >> bits; n < nblocks; n++) {
		struct buffer_head *bh = ext2_dir_block(dir, n);
		unsigned long off = 0, start = *pos & (sb->s_blocksize - 1);
		u64 base = (u64)n << bits;

		if (IS_ERR(bh))
			return PTR_ERR(bh);
		while (off < sb->s_blocksize) {
			struct ext2_dir_entry_2 *de = (void *)(bh->b_data + off);

			if (off >= start && de->inode &&
			    filldir(ctx, de->name, de->name_len, base + off,
				    le32_to_cpu(de->inode), de->file_type)) {
				*pos = base + off;
				brelse(bh);
				return 0;
			}
			/*
			 * The block was checked when read, but @filldir may have slept (a page
			 * fault) while the directory changed, or written to a block a corrupt
			 * file shares with it: check again before the step.
			 */
			if (!ext2_check_dir_block(dir, bh)) {
				brelse(bh);
				return -EIO;
			}
			off += le16_to_cpu(de->rec_len);
		}
		brelse(bh);
		*pos = base + sb->s_blocksize;
	}
	return 0;
}
