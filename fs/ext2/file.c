/*
 * fs/ext2/file.c - a file's data, read and written a block at a time through the block map
 * (ext2_get_block). A hole reads as zeros; writing into a hole allocates the block (and any
 * indirect blocks on its path), zeroing what the write does not cover.
 *
 * In the kernel the page cache sits above this (its readpage/writepage map blocks with
 * ext2_get_block too); these two are the whole data path of the host tests and the model for
 * those.
 */
#include "fs/ext2/ext2.h"
#include "kernel/lib/string.h"

/*
 * ext2_file_read - copy up to @count bytes of @inode's data from byte @pos into @buf (kernel
 * memory), stopping at i_size. Returns the bytes copied (0 at or past the end), or -EIO if
 * nothing could be read.
 */
ssize_t ext2_file_read(struct ext2_inode_info *inode, char *buf, size_t count, u64 pos)
{
	struct super_block *sb = inode->i_sb;
	unsigned long bs = sb->s_blocksize;
	size_t done = 0;

	if (pos >= inode->i_size)
		return 0;
	count = min((u64)count, inode->i_size - pos);
	while (done < count) {
		struct buffer_head map = { 0 }, *bh;
		unsigned long off = pos & (bs - 1);
		size_t n = min((size_t)(bs - off), count - done);
		int err = ext2_get_block(inode, pos >> sb->s_blocksize_bits, &map, 0);

		if (err)
			return done ? (ssize_t)done : err;
		if (!buffer_mapped(&map)) {
			memset(buf + done, 0, n);
		} else {
			bh = sb_bread(sb, map.b_blocknr);
			if (!bh)
				return done ? (ssize_t)done : -EIO;
			memcpy(buf + done, bh->b_data + off, n);
			brelse(bh);
		}
		done += n;
		pos += n;
	}
	return done;
}

/*
 * ext2_file_write - copy @count bytes from @buf into @inode's data at byte @pos, allocating
 * blocks for holes, and grow i_size if it ends past it; stamps mtime/ctime and writes the
 * inode. Returns the bytes written (short if the disk fills up after some), or -ENOSPC,
 * -EFBIG, -EROFS, -EIO.
 */
ssize_t ext2_file_write(struct ext2_inode_info *inode, const char *buf, size_t count, u64 pos)
{
	struct super_block *sb = inode->i_sb;
	unsigned long bs = sb->s_blocksize;
	u64 max = ext2_max_size(sb);
	size_t done = 0;
	int err = ext2_check_rw(sb);

	if (err)
		return err;
	if (pos >= max)
		return count ? -EFBIG : 0;
	count = min((u64)count, max - pos);
	while (done < count) {
		struct buffer_head map = { 0 }, *bh;
		unsigned long off = pos & (bs - 1);
		size_t n = min((size_t)(bs - off), count - done);

		err = ext2_get_block(inode, pos >> sb->s_blocksize_bits, &map, 1);
		if (err)
			break;
		if (buffer_new(&map) || n == bs) {
			/* Nothing of the block's old contents is kept: no read. */
			bh = sb_getblk(sb, map.b_blocknr);
			if (bh && n < bs)
				memset(bh->b_data, 0, bs);
			if (bh)
				set_buffer_uptodate(bh);
		} else {
			bh = sb_bread(sb, map.b_blocknr);
		}
		if (!bh) {
			err = -EIO;
			break;
		}
		memcpy(bh->b_data + off, buf + done, n);
		mark_buffer_dirty(bh);
		brelse(bh);
		done += n;
		pos += n;
		if (pos > inode->i_size)
			inode->i_size = pos;
	}
	if (done) {
		ext2_touch(inode, true);
		ext2_write_inode(inode);
		return done;
	}
	ext2_write_inode(inode);	/* blocks may have been allocated on the path */
	return err;
}
