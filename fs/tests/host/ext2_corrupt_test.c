/*
 * fs/tests/host/ext2_corrupt_test.c - hostile images: a fresh, populated ext2 image (1 KiB
 * and 4 KiB blocks) gets random bytes of its metadata overwritten (superblock, group
 * descriptors, bitmaps, inode tables, directory and indirect blocks: a bit flipped, a random
 * byte, or a plausible block number written over 4 bytes), then is mounted and
 * everything on it walked, read and written. Each round must end in a clean mount error or in
 * operations that succeed or fail with an error: never a crash, an AddressSanitizer/UBSan
 * report, a leak of inodes or buffers, or a hang (each round runs under a 20 s alarm).
 *
 * Seeded and repeatable: EXT2_CORRUPT_SEED (default 1) and EXT2_CORRUPT_ROUNDS (default 250
 * per image). A failing round prints its seed.
 *
 * Run: make -f fs/tests/host/host.mk host-test-fs
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sanitizer/common_interface_defs.h>

#include "fs/ext2/ext2.h"
#include "fs/tests/host/buffer_host.h"
#include "fs/tests/host/ext2_host.h"
#include "tools/hosttest.h"

#define PRISTINE	HOST_EXT2_DIR "/pristine.img"
#define VICTIM		HOST_EXT2_DIR "/corrupt.img"
#define CSRC		HOST_EXT2_DIR "/corrupt-src"
#define MAX_META	4096

static unsigned long current_seed;	/* of the running round, for the failure report */
static unsigned long meta[MAX_META];	/* metadata block numbers of the pristine image */
static unsigned int nr_meta;
static unsigned long mount_errors, op_errors, rounds_run;

static void report_seed(void)
{
	printf("# corrupt-image round failed: EXT2_CORRUPT_SEED=%lu EXT2_CORRUPT_ROUNDS=1\n",
	       current_seed);
	fflush(stdout);
}

static void on_alarm(int sig)
{
	(void)sig;
	printf("# round hung (20 s)\n");
	report_seed();
	_exit(1);
}

/* add_meta - remember block @b as metadata worth corrupting. */
static void add_meta(unsigned long b)
{
	if (b && nr_meta < MAX_META)
		meta[nr_meta++] = b;
}

/* collect_inode_meta - the directory blocks and indirect blocks of @inode, then its children. */
static void collect_tree(struct ext2_inode_info *inode, int depth);

static int collect_child(void *ctx, const char *name, unsigned int len, u64 pos,
			 unsigned long ino, unsigned int type)
{
	struct ext2_inode_info *dir = ctx, *child;

	(void)pos; (void)ino; (void)type;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	child = ext2_lookup(dir, name, len);
	if (!IS_ERR(child)) {
		collect_tree(child, 1);
		ext2_iput(child);
	}
	return 0;
}

static void collect_tree(struct ext2_inode_info *inode, int depth)
{
	unsigned long n;
	u64 pos = 0;

	add_meta(inode->i_data[EXT2_IND_BLOCK]);
	add_meta(inode->i_data[EXT2_DIND_BLOCK]);
	add_meta(inode->i_data[EXT2_TIND_BLOCK]);
	if (!EXT2_S_ISDIR(inode->i_mode) || depth > 8)
		return;
	for (n = 0; n < (inode->i_size >> inode->i_sb->s_blocksize_bits); n++) {
		struct buffer_head map = { 0 };

		if (!ext2_get_block(inode, n, &map, 0) && buffer_mapped(&map))
			add_meta(map.b_blocknr);
	}
	ext2_readdir(inode, &pos, collect_child, inode);
}

/* collect_meta - the metadata blocks of the pristine image, found through ext2 itself. */
static bool collect_meta(void)
{
	struct super_block *sb = mount_image(PRISTINE, SB_RDONLY);
	struct ext2_sb_info *sbi;
	struct ext2_inode_info *root;
	unsigned long g, i;

	if (!sb)
		return false;
	sbi = EXT2_SB(sb);
	nr_meta = 0;
	for (i = 0; i <= sbi->s_gdb_count; i++)
		add_meta(sbi->s_first_data_block + i);	/* superblock, descriptors */
	if (sbi->s_first_data_block == 0)
		meta[0] = 0;				/* 4 KiB: block 0 holds the superblock */
	for (g = 0; g < sbi->s_groups_count; g++) {
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, g, NULL);

		add_meta(gdp->bg_block_bitmap);
		add_meta(gdp->bg_inode_bitmap);
		for (i = 0; i < sbi->s_itb_per_group && i < 4; i++)
			add_meta(gdp->bg_inode_table + i);
	}
	root = ext2_iget(sb, EXT2_ROOT_INO);
	collect_tree(root, 0);
	ext2_iput(root);
	return umount_image(sb);
}

/* ---- what a round does to a mounted image ---- */

static void walk(struct ext2_inode_info *dir, int depth);

struct walk_ctx {
	struct ext2_inode_info *dir;
	int depth;
	unsigned int seen;
};

static int walk_child(void *ctx, const char *name, unsigned int len, u64 pos, unsigned long ino,
		      unsigned int type)
{
	struct walk_ctx *w = ctx;
	struct ext2_inode_info *child;
	static char buf[8192];
	u64 off;

	(void)pos; (void)ino; (void)type;
	if (++w->seen > 2000)
		return 1;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	child = ext2_lookup(w->dir, name, len);
	if (IS_ERR(child)) {
		op_errors++;
		return 0;
	}
	if (EXT2_S_ISDIR(child->i_mode)) {
		walk(child, w->depth + 1);
	} else if (EXT2_S_ISLNK(child->i_mode)) {
		if (ext2_readlink(child, buf, sizeof(buf)) < 0)
			op_errors++;
	} else {
		for (off = 0; off < child->i_size && off < (2 << 20); off += sizeof(buf))
			if (ext2_file_read(child, buf, sizeof(buf), off) < 0) {
				op_errors++;
				break;
			}
		if (ext2_file_write(child, "scribble", 8, child->i_size / 2) < 0)
			op_errors++;
		if (child->i_size > 3000 && ext2_setsize(child, 3000) < 0)
			op_errors++;
	}
	ext2_iput(child);
	return 0;
}

static void walk(struct ext2_inode_info *dir, int depth)
{
	struct walk_ctx w = { dir, depth, 0 };
	u64 pos = 0;

	if (depth > 8)
		return;
	if (ext2_readdir(dir, &pos, walk_child, &w))
		op_errors++;
}

/* mutate - directory operations on the mounted, corrupt image; errors are fine. */
static void mutate(struct super_block *sb)
{
	struct ext2_inode_info *root = ext2_iget(sb, EXT2_ROOT_INO), *f, *d;
	static char data[20000];

	if (IS_ERR(root)) {
		op_errors++;
		return;
	}
	memset(data, 'q', sizeof(data));
	f = ext2_create(root, "new-file", 8, 0100644);
	if (!IS_ERR(f)) {
		ext2_file_write(f, data, sizeof(data), 0);
		ext2_file_write(f, data, 100, 300000);
		ext2_iput(f);
	}
	ext2_mkdir(root, "new-dir", 7, 0755);
	d = ext2_lookup(root, "new-dir", 7);
	if (!IS_ERR(d)) {
		f = ext2_create(d, "inner", 5, 0100644);
		ext2_iput(f);
		ext2_rename(root, "dir1", 4, d, "moved", 5);
		ext2_rename(d, "moved", 5, root, "dir1", 4);
		ext2_symlink(d, "link", 4, "../a-slow-symlink-target-that-is-longer-than-sixty-bytes-xxxxx");
		ext2_iput(d);
	}
	ext2_rename(root, "new-file", 8, root, "file4096", 8);
	ext2_unlink(root, "file1", 5);
	ext2_link(root, root, "x", 1);
	ext2_rmdir(root, "dir2", 4);
	ext2_iput(root);
}

/* one_round - corrupt a copy of @img (@len bytes), then mount and work on it. */
static bool one_round(const unsigned char *img, size_t len, unsigned long bs)
{
	unsigned char *copy = malloc(len);
	unsigned int i, n = 1 + rand() % 8;
	struct super_block *sb;
	FILE *f;
	int err;

	memcpy(copy, img, len);
	for (i = 0; i < n; i++) {
		unsigned long block = meta[rand() % nr_meta];
		size_t off = block * bs + rand() % bs;

		if (block == 0 && bs > 1024)
			off = 1024 + rand() % 1024;	/* the superblock part of block 0 */
		if (off >= len)
			continue;
		switch (rand() % 3) {
		case 0:
			copy[off] ^= 1u << (rand() % 8);
			break;
		case 1:
			copy[off] = rand();
			break;
		default: {	/* a plausible block number: cross-links, cycles, metadata */
			u32 v = rand() % (len / bs);

			off &= ~(size_t)3;
			if (off + 4 <= len)
				memcpy(copy + off, &v, 4);
		}
		}
	}
	f = fopen(VICTIM, "w");
	fwrite(copy, 1, len, f);
	fclose(f);
	free(copy);
	host_log_quiet = true;
	sb = host_open_disk(VICTIM, 0);
	err = ext2_fill_super(sb, false);
	if (err) {
		host_close_disk(sb);
		host_log_quiet = false;
		mount_errors++;
		return host_live_allocs == 0;
	}
	{
		struct ext2_inode_info *root = ext2_iget(sb, EXT2_ROOT_INO);

		if (!IS_ERR(root)) {
			walk(root, 0);
			ext2_iput(root);
		}
	}
	mutate(sb);
	host_log_quiet = false;
	return umount_image(sb);
}

/* run_rounds - @rounds corrupt-image rounds from @seed over the pristine image. */
static void run_rounds(unsigned long bs, unsigned long seed, unsigned long rounds)
{
	FILE *f = fopen(PRISTINE, "r");
	unsigned char *img;
	size_t len;
	unsigned long r;

	HT_ASSERT(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	img = malloc(len);
	HT_ASSERT(fread(img, 1, len, f) == len);
	fclose(f);
	HT_ASSERT(collect_meta());
	printf("# %lu-byte blocks: %u metadata blocks to corrupt\n", bs, nr_meta);
	for (r = 0; r < rounds; r++) {
		current_seed = seed + r;
		srand(current_seed);
		alarm(20);
		if (!one_round(img, len, bs)) {
			HT_EXPECT(!"a round left inodes, buffers or memory behind");
			report_seed();
			break;
		}
		rounds_run++;
	}
	alarm(0);
	free(img);
}

/* make_pristine - a small populated image with @bs-byte blocks and several groups. */
static bool make_pristine(int bs)
{
	char opts[256];

	sh("rm -rf " CSRC " && mkdir -p " CSRC "/dir1/sub " CSRC "/dir2 " CSRC "/dir3");
	write_pattern_file(CSRC "/file1", 1, 1);
	write_pattern_file(CSRC "/file4096", 4096, 2);
	write_pattern_file(CSRC "/dir1/big", 300000, 3);
	write_pattern_file(CSRC "/dir1/sub/medium", 20000, 4);
	write_pattern_file(CSRC "/dir3/small", 100, 5);
	sh("ln -s file1 " CSRC "/fast && ln -s "
	   "/a/slow/symlink/with/a/target/longer/than/sixty/bytes/in/its/own/block " CSRC "/slow");
	sh("for i in $(seq 1 60); do : > " CSRC "/dir2/entry-$i; done");
	snprintf(opts, sizeof(opts), "-N 256 -g %d -d " CSRC, bs == 1024 ? 1024 : 1024);
	return mkfs(PRISTINE, bs, bs == 1024 ? 3072 : 8192, opts) == 0;
}

static unsigned long env_or(const char *name, unsigned long dflt)
{
	const char *v = getenv(name);

	return v ? strtoul(v, NULL, 0) : dflt;
}

HT_TEST(corrupt_1k_images_never_crash)
{
	HT_ASSERT(make_pristine(1024));
	run_rounds(1024, env_or("EXT2_CORRUPT_SEED", 1), env_or("EXT2_CORRUPT_ROUNDS", 250));
}

HT_TEST(corrupt_4k_images_never_crash)
{
	HT_ASSERT(make_pristine(4096));
	run_rounds(4096, env_or("EXT2_CORRUPT_SEED", 1) + 1000000,
		   env_or("EXT2_CORRUPT_ROUNDS", 250));
	printf("# %lu rounds: %lu mount errors, %lu operation errors\n", rounds_run,
	       mount_errors, op_errors);
}

int main(void)
{
	host_ext2_setup();
	signal(SIGALRM, on_alarm);
	__sanitizer_set_death_callback(report_seed);
	return ht_run_all();
}
