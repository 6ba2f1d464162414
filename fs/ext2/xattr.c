/*
 * fs/ext2/xattr.c - extended attributes (the ext_attr feature), as far as this driver goes:
 * it neither reads nor sets attributes, but a file with an attribute block (i_file_acl; mke2fs
 * -d copies a folder's xattrs into them) must give its reference back when it is deleted, or
 * the block leaks. One block may be shared by several inodes: h_refcount counts them.
 */
#include "fs/ext2/ext2.h"

#define EXT2_XATTR_MAGIC	0xEA020000

/* The header at the start of an attribute block. */
struct ext2_xattr_header {
	__le32 h_magic;		/* EXT2_XATTR_MAGIC */
	__le32 h_refcount;	/* inodes sharing this block */
	__le32 h_blocks;	/* always 1 */
	__le32 h_hash;
	__le32 h_reserved[4];
};

/*
 * ext2_xattr_delete_inode - @inode is being freed: drop its reference to its attribute
 * block, freeing the block with the last one, and clear i_file_acl. A block that is not a
 * valid attribute block is logged and left alone.
 */
void ext2_xattr_delete_inode(struct ext2_inode_info *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_xattr_header *h;
	struct buffer_head *bh;
	u32 block = inode->i_file_acl;

	if (!block)
		return;
	inode->i_file_acl = 0;
	if (!ext2_data_block_valid(sb, block, 1) || !(bh = sb_bread(sb, block))) {
		EXT2_ERROR(sb, "inode %lu: bad xattr block %u", inode->i_ino, block);
		return;
	}
	h = (struct ext2_xattr_header *)bh->b_data;
	if (le32_to_cpu(h->h_magic) != EXT2_XATTR_MAGIC || le32_to_cpu(h->h_blocks) != 1 ||
	    le32_to_cpu(h->h_refcount) == 0) {
		EXT2_ERROR(sb, "inode %lu: bad xattr block %u", inode->i_ino, block);
	} else if (le32_to_cpu(h->h_refcount) == 1) {
		h->h_refcount = 0;
		mark_buffer_dirty(bh);
		ext2_free_blocks(inode, block, 1);
	} else {
		h->h_refcount = cpu_to_le32(le32_to_cpu(h->h_refcount) - 1);
		mark_buffer_dirty(bh);
		if (inode->i_blocks >= (sb->s_blocksize >> 9))
			inode->i_blocks -= sb->s_blocksize >> 9;
	}
	brelse(bh);
}
