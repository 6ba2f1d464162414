/*
 * fs/ext2/ext2.h - the second extended file system: on-disk structures (little-endian, fixed
 * width, as the ext2 documentation and Linux's fs/ext2/ext2.h lay them out), the in-memory
 * superblock and inode, and the functions the files of fs/ext2/ share.
 *
 * The disk: block 0 (or the first 1024 bytes of it) is the boot area; the superblock sits at
 * byte 1024; the blocks after it (in the first block group, and copies in some others) hold
 * the group descriptor table. Each block group has a block bitmap, an inode bitmap and an
 * inode table, then data blocks. An inode addresses its data through i_block[15]: 12 direct
 * block numbers, then a single, a double and a triple indirect block.
 *
 * Everything here is plain C over fs/buffer.h, mm/slab.h and kernel/printk.h, so the same
 * files compile in the kernel and in the host tests (fs/tests/host/ext2_test.c). Nothing read
 * from the disk is trusted: every number is checked before use, and a bad structure found
 * after mount is logged with ext2_error() and the operation fails with -EIO.
 *
 * For the VFS (Linux's operation tables, and what fills them):
 *   super_operations: mount = sb_set_bdev() + sb->s_flags + ext2_fill_super(); put_super =
 *     ext2_put_super() then invalidate_buffers(); sync_fs = ext2_sync_fs(); statfs =
 *     ext2_statfs(); the root is ext2_iget(sb, EXT2_ROOT_INO); evict = the last ext2_iput().
 *   inode_operations of a directory: lookup = ext2_lookup (ERR_PTR(-ENOENT) where the VFS
 *     wants NULL), create, mkdir, unlink, rmdir, rename, link, symlink = ext2_<same>; of a
 *     symlink: readlink = ext2_readlink; setattr: size = ext2_setsize(), mode/uid/gid/times =
 *     set the fields and ext2_write_inode().
 *   file_operations: iterate = ext2_readdir (a position is a byte offset in the directory;
 *     EXT2_FT_* maps to DT_*); read/write = the page cache, whose readpage/writepage map
 *     each block of a page with ext2_get_block() (create = 1 when writing; unmapped = hole,
 *     zero-fill) and do the I/O with bdev_rw_page; ext2_file_read/ext2_file_write are the
 *     same data path through the buffer cache (the host tests', and symlink bodies').
 *   Locking: none inside. The I/O sleeps, so the caller serialises every call on one
 *   super_block (one sleeping lock per mount is enough; Linux uses i_rwsem, the block map's
 *   truncate_mutex and per-group locks). Before ext2_setsize() shrinks a file the VFS drops
 *   its cached pages past the new size (truncate_inode_pages).
 */
#ifndef FAULTLINE_EXT2_H
#define FAULTLINE_EXT2_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "fs/buffer.h"

typedef u16 __le16;			/* on-disk little-endian (x86-64 is little-endian: */
typedef u32 __le32;			/*  the conversions are the identity) */
#define le16_to_cpu(x)	((u16)(x))
#define le32_to_cpu(x)	((u32)(x))
#define cpu_to_le16(x)	((u16)(x))
#define cpu_to_le32(x)	((u32)(x))

#define EXT2_SUPER_MAGIC	0xEF53
#define EXT2_SUPER_OFFSET	1024		/* the superblock's byte offset */
#define EXT2_MIN_BLOCK_LOG_SIZE	10		/* 1 KiB */
#define EXT2_MAX_BLOCK_LOG_SIZE	12		/* 4 KiB: at most a page */
#define EXT2_GOOD_OLD_REV	0
#define EXT2_DYNAMIC_REV	1
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO	11

/* Reserved inode numbers. */
#define EXT2_BAD_INO		1
#define EXT2_ROOT_INO		2

#define EXT2_LINK_MAX		32000
#define EXT2_NAME_LEN		255

/* i_block[]: 12 direct, then single, double, triple indirect. */
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		EXT2_NDIR_BLOCKS
#define EXT2_DIND_BLOCK		(EXT2_IND_BLOCK + 1)
#define EXT2_TIND_BLOCK		(EXT2_DIND_BLOCK + 1)
#define EXT2_N_BLOCKS		(EXT2_TIND_BLOCK + 1)

/* s_state */
#define EXT2_VALID_FS		0x0001
#define EXT2_ERROR_FS		0x0002

/* Features. compat: unknown ones are harmless; ro_compat: unknown ones allow only read-only
 * mounts; incompat: unknown ones refuse the mount. */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC	0x0001
#define EXT2_FEATURE_COMPAT_EXT_ATTR		0x0008
#define EXT2_FEATURE_COMPAT_RESIZE_INO		0x0010
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT2_FEATURE_INCOMPAT_RECOVER		0x0004	/* ext3: journal needs recovery */
#define EXT2_FEATURE_INCOMPAT_META_BG		0x0010
#define EXT2_FEATURE_RO_COMPAT_SUPP	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
					 EXT2_FEATURE_RO_COMPAT_LARGE_FILE)
#define EXT2_FEATURE_INCOMPAT_SUPP	EXT2_FEATURE_INCOMPAT_FILETYPE

/* i_flags */
#define EXT2_INDEX_FL		0x00001000	/* hashed-indexed directory (dir_index) */

/* The superblock, at byte 1024 (1024 bytes). */
struct ext2_super_block {
	__le32 s_inodes_count;
	__le32 s_blocks_count;
	__le32 s_r_blocks_count;
	__le32 s_free_blocks_count;
	__le32 s_free_inodes_count;
	__le32 s_first_data_block;
	__le32 s_log_block_size;	/* block size = 1024 << s_log_block_size */
	__le32 s_log_frag_size;
	__le32 s_blocks_per_group;
	__le32 s_frags_per_group;
	__le32 s_inodes_per_group;
	__le32 s_mtime;
	__le32 s_wtime;
	__le16 s_mnt_count;
	__le16 s_max_mnt_count;
	__le16 s_magic;
	__le16 s_state;
	__le16 s_errors;
	__le16 s_minor_rev_level;
	__le32 s_lastcheck;
	__le32 s_checkinterval;
	__le32 s_creator_os;
	__le32 s_rev_level;
	__le16 s_def_resuid;
	__le16 s_def_resgid;
	/* EXT2_DYNAMIC_REV only */
	__le32 s_first_ino;
	__le16 s_inode_size;
	__le16 s_block_group_nr;
	__le32 s_feature_compat;
	__le32 s_feature_incompat;
	__le32 s_feature_ro_compat;
	u8 s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	__le32 s_algorithm_usage_bitmap;
	u8 s_prealloc_blocks;
	u8 s_prealloc_dir_blocks;
	__le16 s_reserved_gdt_blocks;	/* resize_inode: blocks kept after each GDT copy */
	u8 s_journal_uuid[16];
	__le32 s_journal_inum;
	__le32 s_journal_dev;
	__le32 s_last_orphan;
	__le32 s_hash_seed[4];
	u8 s_def_hash_version;
	u8 s_reserved_char_pad;
	__le16 s_reserved_word_pad;
	__le32 s_default_mount_opts;
	__le32 s_first_meta_bg;
	__le32 s_reserved[190];
};

/* A block group descriptor (32 bytes). */
struct ext2_group_desc {
	__le32 bg_block_bitmap;
	__le32 bg_inode_bitmap;
	__le32 bg_inode_table;
	__le16 bg_free_blocks_count;
	__le16 bg_free_inodes_count;
	__le16 bg_used_dirs_count;
	__le16 bg_pad;
	__le32 bg_reserved[3];
};

/* An inode as stored (the first 128 bytes; s_inode_size may be larger). */
struct ext2_inode {
	__le16 i_mode;
	__le16 i_uid;
	__le32 i_size;
	__le32 i_atime;
	__le32 i_ctime;
	__le32 i_mtime;
	__le32 i_dtime;
	__le16 i_gid;
	__le16 i_links_count;
	__le32 i_blocks;		/* 512-byte units, indirect blocks included */
	__le32 i_flags;
	__le32 i_reserved1;
	__le32 i_block[EXT2_N_BLOCKS];
	__le32 i_generation;
	__le32 i_file_acl;
	__le32 i_size_high;		/* regular files: bits 32..63 of i_size (i_dir_acl) */
	__le32 i_faddr;
	u8 l_i_frag;
	u8 l_i_fsize;
	__le16 i_pad1;
	__le16 l_i_uid_high;
	__le16 l_i_gid_high;
	__le32 l_i_reserved2;
};

/* A directory entry: rec_len covers it and the slack after it, to the next entry. */
struct ext2_dir_entry_2 {
	__le32 inode;			/* 0: unused */
	__le16 rec_len;
	u8 name_len;
	u8 file_type;			/* EXT2_FT_* with the filetype feature; else name_len's high byte */
	char name[];
};

enum { EXT2_FT_UNKNOWN, EXT2_FT_REG_FILE, EXT2_FT_DIR, EXT2_FT_CHRDEV, EXT2_FT_BLKDEV,
       EXT2_FT_FIFO, EXT2_FT_SOCK, EXT2_FT_SYMLINK, EXT2_FT_MAX };

/* EXT2_DIR_REC_LEN - the bytes an entry with a @name_len-byte name needs (4-aligned). */
#define EXT2_DIR_REC_LEN(name_len)	(((name_len) + 8 + 3) & ~3u)

/* Mode bits (Linux's S_IF* values; the VFS's fs/fs.h has the same). */
#define EXT2_S_IFMT	0170000
#define EXT2_S_IFLNK	0120000
#define EXT2_S_IFREG	0100000
#define EXT2_S_IFDIR	0040000
#define EXT2_S_ISGID	0002000
#define EXT2_S_ISDIR(m)	(((m) & EXT2_S_IFMT) == EXT2_S_IFDIR)
#define EXT2_S_ISREG(m)	(((m) & EXT2_S_IFMT) == EXT2_S_IFREG)
#define EXT2_S_ISLNK(m)	(((m) & EXT2_S_IFMT) == EXT2_S_IFLNK)

/* The in-memory superblock (sb->s_fs_info). */
struct ext2_sb_info {
	struct buffer_head *s_sbh;		/* the block holding the superblock */
	struct ext2_super_block *s_es;		/* the superblock in s_sbh */
	struct buffer_head **s_group_desc;	/* the group descriptor table's blocks */
	unsigned long s_gdb_count;		/* blocks in it */
	unsigned long s_groups_count;
	unsigned long s_blocks_per_group;
	unsigned long s_inodes_per_group;
	unsigned long s_inodes_per_block;
	unsigned long s_itb_per_group;		/* inode table blocks per group */
	unsigned long s_desc_per_block;
	unsigned long s_addr_per_block;		/* block numbers per indirect block */
	unsigned int s_addr_per_block_bits;
	unsigned int s_inode_size;
	unsigned long s_first_ino;
	unsigned long s_first_data_block;
	unsigned long s_blocks_count;
	unsigned long s_inodes_count;
	struct list_head s_inodes;		/* in-memory inodes (one per inode number) */
	unsigned long s_nr_inodes;
	bool s_pagecache_data;			/* regular files' data lives in the VFS's page
						 * cache (the kernel), not in buffers: truncate
						 * leaves zeroing a block's tail to the VFS */
};

/* The in-memory inode: the fields of struct ext2_inode the code uses, decoded. */
struct ext2_inode_info {
	unsigned long i_ino;
	struct super_block *i_sb;
	unsigned int i_mode;
	unsigned int i_uid, i_gid;
	unsigned int i_links_count;
	u64 i_size;
	u32 i_atime, i_ctime, i_mtime, i_dtime;
	u64 i_blocks;				/* 512-byte units */
	u32 i_flags;
	u32 i_data[EXT2_N_BLOCKS];		/* i_block[] */
	u32 i_file_acl;
	u32 i_generation;
	unsigned long i_block_group;
	int i_count;				/* references (ext2_iget/ext2_iput) */
	bool i_bad;				/* failed a check: every operation on it is -EIO */
	struct list_head i_list;		/* in s_inodes */
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* Bitmaps (block and inode): bit @nr is bit nr % 8 of byte nr / 8. */
static inline bool ext2_test_bit(unsigned long nr, const void *map)
{
	return ((const u8 *)map)[nr / 8] & (1u << (nr % 8));
}

static inline void ext2_set_bit(unsigned long nr, void *map)
{
	((u8 *)map)[nr / 8] |= 1u << (nr % 8);
}

static inline void ext2_clear_bit(unsigned long nr, void *map)
{
	((u8 *)map)[nr / 8] &= ~(1u << (nr % 8));
}

/* ext2_find_next_zero_bit - the first clear bit in [@start, @size) of @map, or @size. */
static inline unsigned long ext2_find_next_zero_bit(const void *map, unsigned long size,
						    unsigned long start)
{
	for (; start < size; start++) {
		if (!(start % 8) && ((const u8 *)map)[start / 8] == 0xff && start + 8 <= size) {
			start += 7;
			continue;
		}
		if (!ext2_test_bit(start, map))
			return start;
	}
	return size;
}

/* ktime_get_real_seconds - the wall-clock time for timestamps (seconds since 1970). */
s64 ktime_get_real_seconds(void);

/* super.c */
__printf(3, 4) void ext2_error(struct super_block *sb, const char *function, const char *fmt, ...);
#define EXT2_ERROR(sb, ...)	ext2_error(sb, __func__, __VA_ARGS__)
struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, unsigned long group,
					    struct buffer_head **bh);
int ext2_fill_super(struct super_block *sb, bool silent);
void ext2_put_super(struct super_block *sb);
int ext2_sync_fs(struct super_block *sb);
bool ext2_has_super(struct super_block *sb, unsigned long group);
unsigned long ext2_group_first_block(struct super_block *sb, unsigned long group);
struct ext2_kstatfs {
	unsigned long f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree, f_namelen;
};
void ext2_statfs(struct super_block *sb, struct ext2_kstatfs *buf);
int ext2_check_rw(struct super_block *sb);

/* balloc.c */
bool ext2_data_block_valid(struct super_block *sb, u64 start, unsigned long count);
u32 ext2_new_block(struct ext2_inode_info *inode, u32 goal, int *err);
int ext2_free_blocks(struct ext2_inode_info *inode, u32 block, unsigned long count);
unsigned long ext2_count_free_blocks(struct super_block *sb);

/* ialloc.c */
struct ext2_inode_info *ext2_new_inode(struct ext2_inode_info *dir, unsigned int mode);
void ext2_free_inode(struct ext2_inode_info *inode);
unsigned long ext2_count_free_inodes(struct super_block *sb);

/* inode.c */
struct ext2_inode_info *ext2_iget(struct super_block *sb, unsigned long ino);
struct ext2_inode_info *ext2_iget_new(struct super_block *sb, unsigned long ino,
				      unsigned int mode);
struct ext2_inode_info *ext2_igrab(struct ext2_inode_info *inode);
void ext2_iput(struct ext2_inode_info *inode);
int ext2_write_inode(struct ext2_inode_info *inode);
int ext2_get_block(struct ext2_inode_info *inode, sector_t iblock, struct buffer_head *bh_result,
		   int create);
int ext2_setsize(struct ext2_inode_info *inode, u64 newsize);
u64 ext2_max_size(struct super_block *sb);
bool ext2_inode_is_fast_symlink(struct ext2_inode_info *inode);
void ext2_touch(struct ext2_inode_info *inode, bool mtime);
unsigned int ext2_nr_live_inodes(struct super_block *sb);

/* dir.c */
typedef int (*ext2_filldir_t)(void *ctx, const char *name, unsigned int len, u64 pos,
			      unsigned long ino, unsigned int file_type);
int ext2_inode_by_name(struct ext2_inode_info *dir, const char *name, size_t len,
		       unsigned long *ino);
int ext2_add_link(struct ext2_inode_info *dir, const char *name, size_t len,
		  struct ext2_inode_info *inode);
int ext2_delete_entry(struct ext2_inode_info *dir, const char *name, size_t len);
int ext2_set_link(struct ext2_inode_info *dir, const char *name, size_t len,
		  struct ext2_inode_info *inode);
int ext2_make_empty(struct ext2_inode_info *inode, struct ext2_inode_info *parent);
int ext2_empty_dir(struct ext2_inode_info *inode);
int ext2_readdir(struct ext2_inode_info *dir, u64 *pos, ext2_filldir_t filldir, void *ctx);

/* namei.c */
struct ext2_inode_info *ext2_lookup(struct ext2_inode_info *dir, const char *name, size_t len);
struct ext2_inode_info *ext2_create(struct ext2_inode_info *dir, const char *name, size_t len,
				    unsigned int mode);
int ext2_unlink(struct ext2_inode_info *dir, const char *name, size_t len);
int ext2_mkdir(struct ext2_inode_info *dir, const char *name, size_t len, unsigned int mode);
int ext2_rmdir(struct ext2_inode_info *dir, const char *name, size_t len);
int ext2_rename(struct ext2_inode_info *old_dir, const char *old_name, size_t old_len,
		struct ext2_inode_info *new_dir, const char *new_name, size_t new_len);
int ext2_link(struct ext2_inode_info *inode, struct ext2_inode_info *dir, const char *name,
	      size_t len);
int ext2_symlink(struct ext2_inode_info *dir, const char *name, size_t len, const char *target);
ssize_t ext2_readlink(struct ext2_inode_info *inode, char *buf, size_t size);

/* xattr.c */
void ext2_xattr_delete_inode(struct ext2_inode_info *inode);

/* file.c */
ssize_t ext2_file_read(struct ext2_inode_info *inode, char *buf, size_t count, u64 pos);
ssize_t ext2_file_write(struct ext2_inode_info *inode, const char *buf, size_t count, u64 pos);

#endif
