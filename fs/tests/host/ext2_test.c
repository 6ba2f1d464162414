/*
 * fs/tests/host/ext2_test.c - host tests of the ext2 driver (fs/ext2/, over fs/buffer.c and
 * an image file): images made by Debian's mke2fs -t ext2 (1 KiB and 4 KiB blocks, one
 * populated with -d from a folder), read back and compared; files of every size class up to
 * triple indirect; holes; truncate; every directory operation and its errors; symlinks; a disk
 * filled to ENOSPC. After each test that writes, `e2fsck -fn` must exit 0 (its output is
 * printed otherwise), and debugfs must see what ext2 wrote. The corrupt-image rounds are in
 * ext2_corrupt_test.c.
 *
 * Run: make -f fs/tests/host/host.mk host-test-fs   (needs e2fsprogs: mke2fs, e2fsck, debugfs)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include "fs/ext2/ext2.h"
#include "fs/tests/host/buffer_host.h"
#include <sys/wait.h>
#include "fs/tests/host/ext2_host.h"
#include "tools/hosttest.h"

#define IMG	HOST_EXT2_DIR "/test.img"
#define SRC	HOST_EXT2_DIR "/src"

/* fresh_image - mount a fresh image (mkfs's arguments), its root in *@root; NULL on error. */
static struct super_block *fresh_image(int bs, int blocks, const char *extra,
				       struct ext2_inode_info **root)
{
	struct super_block *sb;

	if (mkfs(IMG, bs, blocks, extra))
		return NULL;
	sb = mount_image(IMG, 0);
	if (sb)
		*root = ext2_iget(sb, EXT2_ROOT_INO);
	return sb;
}

/* unmount_clean - put @root, unmount @sb: nothing left behind, and e2fsck -fn finds it clean. */
static bool unmount_clean(struct super_block *sb, struct ext2_inode_info *root)
{
	ext2_iput(root);
	return umount_image(sb) && fsck_clean(IMG);
}

/* ---- reading an image populated by mke2fs -d ---- */

/* make_source - a folder with files of many sizes, subfolders and symlinks. */
static void make_source(void)
{
	static const size_t sizes[] = { 0, 1, 100, 4095, 4096, 4097, 12 * 1024, 12 * 1024 + 1,
					70000, 300000, 1100000 };
	char path[256];
	unsigned int i;

	sh("rm -rf " SRC " && mkdir -p " SRC "/sub/deeper " SRC "/empty");
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(path, sizeof(path), SRC "/%s/file%zu", i % 2 ? "sub" : ".", sizes[i]);
		write_pattern_file(path, sizes[i], i + 1);
	}
	write_pattern_file(SRC "/sub/deeper/leaf", 777, 99);
	sh("ln -s sub/file1 " SRC "/fastlink");
	sh("ln -s " "/a/very/long/target/path/that/does/not/fit/in/the/sixty/bytes/of/i_block/at/all"
	   " " SRC "/slowlink");
	for (i = 0; i < 150; i++) {
		snprintf(path, sizeof(path), SRC "/sub/many-entries-%03u", i);
		write_pattern_file(path, i, i);
	}
}

/* compare_tree - compare the host folder @src with ext2 directory @dir, recursively. */
static void compare_tree(const char *src, struct ext2_inode_info *dir, int *files)
{
	DIR *d = opendir(src);
	struct dirent *e;
	unsigned long host_entries = 0, ext2_entries = count_entries(dir);

	HT_ASSERT(d);
	while ((e = readdir(d))) {
		char path[512];
		struct stat st;
		struct ext2_inode_info *inode;

		host_entries++;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", src, e->d_name);
		HT_ASSERT(lstat(path, &st) == 0);
		inode = ext2_lookup(dir, e->d_name, strlen(e->d_name));
		HT_EXPECT(!IS_ERR(inode));
		if (IS_ERR(inode))
			continue;
		HT_EXPECT_EQ(inode->i_mode, st.st_mode);
		HT_EXPECT_EQ(inode->i_size, S_ISDIR(st.st_mode) ? inode->i_size : (u64)st.st_size);
		if (S_ISREG(st.st_mode)) {
			HT_EXPECT(file_matches(inode, path));
			(*files)++;
		} else if (S_ISLNK(st.st_mode)) {
			char want[256] = { 0 }, got[256] = { 0 };

			HT_EXPECT(readlink(path, want, sizeof(want)) > 0);
			HT_EXPECT_EQ(ext2_readlink(inode, got, sizeof(got)), strlen(want));
			HT_EXPECT(!strcmp(want, got));
		} else if (S_ISDIR(st.st_mode)) {
			compare_tree(path, inode, files);
		}
		ext2_iput(inode);
	}
	closedir(d);
	/* mke2fs adds lost+found at the root */
	HT_EXPECT(ext2_entries == host_entries || (dir->i_ino == EXT2_ROOT_INO &&
						   ext2_entries == host_entries + 1));
}

HT_TEST(reads_an_image_made_by_mke2fs_d)
{
	static const int bs[] = { 1024, 4096 };
	unsigned int i;

	make_source();
	for (i = 0; i < 2; i++) {
		struct super_block *sb;
		struct ext2_inode_info *root;
		int files = 0;

		HT_ASSERT(mkfs(IMG, bs[i], 8192, "-d " SRC) == 0);
		sb = mount_image(IMG, SB_RDONLY);
		HT_ASSERT(sb);
		root = ext2_iget(sb, EXT2_ROOT_INO);
		HT_ASSERT(!IS_ERR(root));
		compare_tree(SRC, root, &files);
		HT_EXPECT_EQ(files, 12 + 150);
		ext2_iput(root);
		HT_EXPECT(umount_image(sb));
	}
}

/* ---- files of every size class ---- */

/* expected_blocks - i_blocks (512-byte units) of a file with data blocks [0, n) all mapped. */
static u64 expected_blocks(unsigned long bs, u64 n)
{
	u64 apb = bs / 4, meta = 0, rest;

	if (n > EXT2_NDIR_BLOCKS) {
		rest = n - EXT2_NDIR_BLOCKS;
		meta++;					/* the indirect block */
		if (rest > apb) {
			rest -= apb;
			meta += 1 + DIV_ROUND_UP(min(rest, apb * apb), apb);
			if (rest > apb * apb) {
				rest -= apb * apb;
				meta += 1 + DIV_ROUND_UP(rest, apb * apb) + DIV_ROUND_UP(rest, apb);
			}
		}
	}
	return (n + meta) * (bs / 512);
}

HT_TEST(files_of_every_size_class_write_read_unlink)
{
	static const int bss[] = { 1024, 2048, 4096 };
	unsigned int b, i;

	for (b = 0; b < 3; b++) {
		unsigned long bs = bss[b], apb = bs / 4;
		u64 sizes[] = { 0, 1, 4095, 4096, 12 * bs, 12 * bs + 1, (12 + apb / 2) * bs + 7,
				(12 + apb + 3) * bs + 1 };
		struct super_block *sb;
		struct ext2_inode_info *root;
		struct ext2_kstatfs before, after;

		HT_ASSERT(mkfs(IMG, bs, 16384, "") == 0);
		sb = mount_image(IMG, 0);
		HT_ASSERT(sb);
		ext2_statfs(sb, &before);
		root = ext2_iget(sb, EXT2_ROOT_INO);
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			char name[32];
			struct ext2_inode_info *f;

			snprintf(name, sizeof(name), "f%u", i);
			f = ext2_create(root, name, strlen(name), 0100644);
			HT_ASSERT(!IS_ERR(f));
			HT_EXPECT(write_pattern(f, 0, sizes[i], i + 7));
			HT_EXPECT_EQ(f->i_size, sizes[i]);
			HT_EXPECT_EQ(f->i_blocks, expected_blocks(bs, DIV_ROUND_UP(sizes[i], bs)));
			HT_EXPECT(check_pattern(f, 0, sizes[i], i + 7));
			ext2_iput(f);
		}
		HT_EXPECT(unmount_clean(sb, root));
		/* what the host's tools see */
		HT_EXPECT(debugfs_cat_matches(IMG, "/f6", sizes[6], 6 + 7));
		sb = mount_image(IMG, 0);
		HT_ASSERT(sb);
		root = ext2_iget(sb, EXT2_ROOT_INO);
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			char name[32];
			struct ext2_inode_info *f;

			snprintf(name, sizeof(name), "f%u", i);
			f = ext2_lookup(root, name, strlen(name));
			HT_ASSERT(!IS_ERR(f));
			HT_EXPECT(check_pattern(f, 0, sizes[i], i + 7));
			ext2_iput(f);
			HT_EXPECT_EQ(ext2_unlink(root, name, strlen(name)), 0);
		}
		ext2_iput(root);
		ext2_statfs(sb, &after);
		HT_EXPECT_EQ(after.f_bfree, before.f_bfree);
		HT_EXPECT_EQ(after.f_ffree, before.f_ffree);
		HT_EXPECT(umount_image(sb));
		HT_EXPECT(fsck_clean(IMG));
	}
}

HT_TEST(sparse_file_reaches_triple_indirect_and_holes_read_zero)
{
	struct super_block *sb;
	struct ext2_inode_info *root, *f;
	struct ext2_kstatfs before, after;
	u64 far = (12ULL + 256 + 256 * 256 + 1000) * 1024 + 100;	/* triple indirect */
	char buf[3000];
	unsigned int i;

	HT_ASSERT(mkfs(IMG, 1024, 8192, "") == 0);
	sb = mount_image(IMG, 0);
	HT_ASSERT(sb);
	ext2_statfs(sb, &before);
	root = ext2_iget(sb, EXT2_ROOT_INO);
	f = ext2_create(root, "sparse", 6, 0100600);
	HT_ASSERT(!IS_ERR(f));
	HT_EXPECT(write_pattern(f, far, 2000, 3));
	HT_EXPECT(write_pattern(f, 5000, 10, 4));		/* a direct block */
	HT_EXPECT_EQ(f->i_size, far + 2000);
	/* 4 data blocks (far spans 2 blocks... 100+2000 bytes: 3 blocks) + tind, dind, ind + 1 */
	HT_EXPECT_EQ(f->i_blocks, (3 + 3 + 1) * 2);
	HT_EXPECT_EQ(ext2_file_read(f, buf, sizeof(buf), far - 1000), 3000);
	for (i = 0; i < 1000; i++)
		HT_EXPECT(buf[i] == 0);
	HT_EXPECT(check_pattern(f, far, 2000, 3));
	HT_EXPECT_EQ(ext2_file_read(f, buf, 100, 20000000), 100);
	for (i = 0; i < 100; i++)
		HT_EXPECT(buf[i] == 0);
	ext2_iput(f);
	HT_EXPECT(unmount_clean(sb, root));
	snprintf(buf, sizeof(buf), "Size: %llu", (unsigned long long)far + 2000);
	HT_EXPECT(debugfs_stat_has(IMG, "/sparse", buf));
	sb = mount_image(IMG, 0);
	root = ext2_iget(sb, EXT2_ROOT_INO);
	HT_EXPECT_EQ(ext2_unlink(root, "sparse", 6), 0);
	ext2_iput(root);
	ext2_statfs(sb, &after);
	HT_EXPECT_EQ(after.f_bfree, before.f_bfree);
	HT_EXPECT(umount_image(sb));
	HT_EXPECT(fsck_clean(IMG));
}

HT_TEST(truncate_down_frees_blocks_and_up_reads_zeros)
{
	struct super_block *sb;
	struct ext2_inode_info *root, *f;
	struct ext2_kstatfs before, after;
	char buf[4096];
	unsigned int i;

	sb = fresh_image(1024, 8192, "", &root);
	HT_ASSERT(sb);
	ext2_statfs(sb, &before);
	f = ext2_create(root, "t", 1, 0100644);
	HT_ASSERT(!IS_ERR(f));
	HT_EXPECT(write_pattern(f, 0, 400 * 1024, 5));		/* into double indirect */
	HT_EXPECT_EQ(ext2_setsize(f, 5000), 0);
	HT_EXPECT_EQ(f->i_size, 5000);
	HT_EXPECT_EQ(f->i_blocks, 5 * 2);
	HT_EXPECT(check_pattern(f, 0, 5000, 5));
	HT_EXPECT_EQ(ext2_setsize(f, 300000), 0);		/* up: a hole */
	HT_EXPECT_EQ(f->i_blocks, 5 * 2);
	HT_EXPECT_EQ(ext2_file_read(f, buf, sizeof(buf), 4900), sizeof(buf));
	HT_EXPECT(check_pattern_buf(buf, 4900, 100, 5));
	for (i = 100; i < sizeof(buf); i++)
		HT_EXPECT(buf[i] == 0);
	HT_EXPECT_EQ(ext2_setsize(f, 0), 0);
	HT_EXPECT_EQ(f->i_blocks, 0);
	ext2_iput(f);
	ext2_statfs(sb, &after);
	HT_EXPECT_EQ(after.f_bfree, before.f_bfree - 0);
	HT_EXPECT_EQ(ext2_unlink(root, "t", 1), 0);
	HT_EXPECT(unmount_clean(sb, root));
}

HT_TEST(large_files_past_4_gib_and_efbig_at_the_block_map_limit)
{
	struct super_block *sb;
	struct ext2_inode_info *root, *f;
	u64 far = 5ULL << 30;
	char buf[64];

	sb = fresh_image(1024, 8192, "", &root);
	HT_ASSERT(sb);
	f = ext2_create(root, "large", 5, 0100644);
	HT_ASSERT(!IS_ERR(f));
	HT_EXPECT(write_pattern(f, far, 10, 8));
	HT_EXPECT_EQ(f->i_size, far + 10);
	HT_EXPECT_EQ(ext2_file_write(f, "x", 1, ext2_max_size(sb)), -EFBIG);
	HT_EXPECT_EQ(ext2_setsize(f, ext2_max_size(sb) + 1), -EFBIG);
	HT_EXPECT_EQ(f->i_size, far + 10);
	ext2_iput(f);
	HT_EXPECT(unmount_clean(sb, root));
	snprintf(buf, sizeof(buf), "Size: %llu", (unsigned long long)far + 10);
	HT_EXPECT(debugfs_stat_has(IMG, "/large", buf));
	sb = mount_image(IMG, 0);
	root = ext2_iget(sb, EXT2_ROOT_INO);
	f = ext2_lookup(root, "large", 5);
	HT_ASSERT(!IS_ERR(f));
	HT_EXPECT_EQ(f->i_size, far + 10);
	HT_EXPECT(check_pattern(f, far, 10, 8));
	ext2_iput(f);
	ext2_iput(root);
	HT_EXPECT(umount_image(sb));
}

/* ---- directories ---- */

HT_TEST(mkdir_rmdir_and_their_errors)
{
	char longname[300];
	struct super_block *sb;
	struct ext2_inode_info *root, *a, *f;
	unsigned int root_links;

	memset(longname, 'x', sizeof(longname));
	sb = fresh_image(4096, 8192, "", &root);
	HT_ASSERT(sb);
	root_links = root->i_links_count;
	HT_EXPECT_EQ(ext2_mkdir(root, "a", 1, 0755), 0);
	HT_EXPECT_EQ(root->i_links_count, root_links + 1);
	HT_EXPECT_EQ(ext2_mkdir(root, "a", 1, 0755), -EEXIST);
	HT_EXPECT_EQ(ext2_rmdir(root, "nope", 4), -ENOENT);
	f = ext2_create(root, "f", 1, 0100644);
	HT_ASSERT(!IS_ERR(f));
	HT_EXPECT_EQ(ext2_rmdir(root, "f", 1), -ENOTDIR);
	HT_EXPECT_EQ(ext2_mkdir(f, "x", 1, 0755), -ENOTDIR);
	HT_EXPECT(PTR_ERR(ext2_lookup(f, "x", 1)) == -ENOTDIR);
	HT_EXPECT(PTR_ERR(ext2_create(root, "f", 1, 0100644)) == -EEXIST);
	ext2_iput(f);
	HT_EXPECT_EQ(ext2_mkdir(root, "f", 1, 0755), -EEXIST);
	a = ext2_lookup(root, "a", 1);
	HT_ASSERT(!IS_ERR(a));
	HT_EXPECT_EQ(a->i_links_count, 2);
	HT_EXPECT_EQ(a->i_mode, 040755);
	HT_EXPECT_EQ(ext2_mkdir(a, "b", 1, 0700), 0);
	HT_EXPECT_EQ(a->i_links_count, 3);
	HT_EXPECT_EQ(ext2_rmdir(root, "a", 1), -ENOTEMPTY);
	HT_EXPECT_EQ(ext2_unlink(root, "a", 1), -EISDIR);
	HT_EXPECT_EQ(ext2_mkdir(root, longname, 256, 0755), -ENAMETOOLONG);
	HT_EXPECT(PTR_ERR(ext2_create(root, longname, 256, 0100644)) == -ENAMETOOLONG);
	HT_EXPECT(PTR_ERR(ext2_lookup(root, longname, 256)) == -ENAMETOOLONG);
	HT_EXPECT_EQ(ext2_mkdir(root, longname, 255, 0755), 0);	/* the longest name */
	HT_EXPECT_EQ(ext2_rmdir(a, ".", 1), -EINVAL);
	HT_EXPECT_EQ(ext2_rmdir(a, "..", 2), -ENOTEMPTY);
	HT_EXPECT_EQ(ext2_unlink(a, ".", 1), -EISDIR);
	HT_EXPECT_EQ(ext2_unlink(a, "..", 2), -EISDIR);
	HT_EXPECT_EQ(ext2_rmdir(a, "b", 1), 0);
	HT_EXPECT_EQ(a->i_links_count, 2);
	a->i_mode |= 02000;					/* set-group-ID */
	a->i_gid = 42;
	HT_EXPECT_EQ(ext2_mkdir(a, "g", 1, 0755), 0);
	f = ext2_lookup(a, "g", 1);
	HT_ASSERT(!IS_ERR(f));
	HT_EXPECT_EQ(f->i_mode, 042755);
	HT_EXPECT_EQ(f->i_gid, 42);
	ext2_iput(f);
	HT_EXPECT_EQ(ext2_rmdir(a, "g", 1), 0);
	ext2_iput(a);
	HT_EXPECT_EQ(ext2_rmdir(root, "a", 1), 0);
	HT_EXPECT(PTR_ERR(ext2_lookup(root, "a", 1)) == -ENOENT);
	HT_EXPECT_EQ(root->i_links_count, root_links + 1);	/* longname is left */
	HT_EXPECT(unmount_clean(sb, root));
	HT_EXPECT(debugfs_stat_has(IMG, "/f", "Mode:  0644"));
}

HT_TEST(a_directory_grows_and_shrinks_with_many_entries)
{
	struct super_block *sb;
	struct ext2_inode_info *root, *d;
	char name[64];
	unsigned int i;

	sb = fresh_image(1024, 8192, "", &root);
	HT_ASSERT(sb);
	HT_EXPECT_EQ(ext2_mkdir(root, "d", 1, 0755), 0);
	d = ext2_lookup(root, "d", 1);
	for (i = 0; i < 400; i++) {
		struct ext2_inode_info *f;

		snprintf(name, sizeof(name), "entry-with-a-longish-name-%u", i);
		f = ext2_create(d, name, strlen(name), 0100644);
		HT_ASSERT(!IS_ERR(f));
		ext2_iput(f);
	}
	HT_EXPECT(d->i_size > 10 * 1024);
	HT_EXPECT_EQ(count_entries(d), 402);
	for (i = 0; i < 400; i += 2) {
		snprintf(name, sizeof(name), "entry-with-a-longish-name-%u", i);
		HT_EXPECT_EQ(ext2_unlink(d, name, strlen(name)), 0);
	}
	HT_EXPECT_EQ(count_entries(d), 202);
	for (i = 0; i < 100; i++) {
		struct ext2_inode_info *f;

		snprintf(name, sizeof(name), "n%u", i);
		f = ext2_create(d, name, strlen(name), 0100644);
		HT_ASSERT(!IS_ERR(f));
		ext2_iput(f);
	}
	HT_EXPECT_EQ(count_entries(d), 302);
	ext2_iput(d);
	HT_EXPECT(unmount_clean(sb, root));
}

HT_TEST(rename_every_case)
{
	struct super_block *sb;
	struct ext2_inode_info *root, *a, *b, *f, *g, *sub;
	unsigned long ino;
	unsigned int links;

	sb = fresh_image(1024, 8192, "", &root);
	HT_ASSERT(sb);
	links = root->i_links_count;
	HT_EXPECT_EQ(ext2_mkdir(root, "a", 1, 0755), 0);
	HT_EXPECT_EQ(ext2_mkdir(root, "b", 1, 0755), 0);
	a = ext2_lookup(root, "a", 1);
	b = ext2_lookup(root, "b", 1);
	f = ext2_create(a, "f", 1, 0100644);
	HT_EXPECT(write_pattern(f, 0, 3000, 1));
	g = ext2_create(a, "g", 1, 0100644);
	/* a file within a directory, then across */
	HT_EXPECT_EQ(ext2_rename(a, "f", 1, a, "f2", 2), 0);
	HT_EXPECT(PTR_ERR(ext2_lookup(a, "f", 1)) == -ENOENT);
	HT_EXPECT_EQ(ext2_rename(a, "f2", 2, b, "f", 1), 0);
	HT_EXPECT_EQ(ext2_inode_by_name(b, "f", 1, &ino), 0);
	HT_EXPECT_EQ(ino, f->i_ino);
	/* over an existing file: the target loses its link */
	HT_EXPECT_EQ(ext2_rename(b, "f", 1, a, "g", 1), 0);
	HT_EXPECT_EQ(g->i_links_count, 0);
	ext2_iput(g);
	HT_EXPECT(check_pattern(f, 0, 3000, 1));
	/* hard links to one inode: nothing happens */
	HT_EXPECT_EQ(ext2_link(f, a, "h", 1), 0);
	HT_EXPECT_EQ(ext2_rename(a, "g", 1, a, "h", 1), 0);
	HT_EXPECT_EQ(ext2_inode_by_name(a, "g", 1, &ino), 0);
	HT_EXPECT_EQ(ext2_inode_by_name(a, "h", 1, &ino), 0);
	HT_EXPECT_EQ(f->i_links_count, 2);
	/* type mismatches, missing source, loops */
	HT_EXPECT_EQ(ext2_mkdir(a, "sub", 3, 0755), 0);
	HT_EXPECT_EQ(ext2_rename(a, "g", 1, a, "sub", 3), -EISDIR);
	HT_EXPECT_EQ(ext2_rename(a, "sub", 3, a, "g", 1), -ENOTDIR);
	HT_EXPECT_EQ(ext2_rename(a, "zz", 2, a, "yy", 2), -ENOENT);
	sub = ext2_lookup(a, "sub", 3);
	HT_EXPECT_EQ(ext2_rename(root, "a", 1, sub, "x", 1), -EINVAL);
	HT_EXPECT_EQ(ext2_rename(root, "a", 1, a, "x", 1), -EINVAL);
	HT_EXPECT_EQ(ext2_rename(a, ".", 1, b, "x", 1), -EINVAL);
	/* a directory over a non-empty one, then over an empty one */
	HT_EXPECT_EQ(ext2_mkdir(sub, "inner", 5, 0755), 0);
	HT_EXPECT_EQ(ext2_rename(root, "b", 1, a, "sub", 3), -ENOTEMPTY);
	HT_EXPECT_EQ(ext2_rmdir(sub, "inner", 5), 0);
	HT_EXPECT_EQ(a->i_links_count, 3);
	HT_EXPECT_EQ(ext2_rename(root, "b", 1, a, "sub", 3), 0);	/* b moves into a */
	HT_EXPECT_EQ(sub->i_links_count, 0);
	ext2_iput(sub);
	HT_EXPECT_EQ(a->i_links_count, 3);
	HT_EXPECT_EQ(root->i_links_count, links + 1);
	HT_EXPECT_EQ(ext2_inode_by_name(b, "..", 2, &ino), 0);
	HT_EXPECT_EQ(ino, a->i_ino);
	/* a directory moved back up to the root */
	HT_EXPECT_EQ(ext2_rename(a, "sub", 3, root, "c", 1), 0);
	HT_EXPECT_EQ(ext2_inode_by_name(b, "..", 2, &ino), 0);
	HT_EXPECT_EQ(ino, EXT2_ROOT_INO);
	HT_EXPECT_EQ(a->i_links_count, 2);
	HT_EXPECT_EQ(root->i_links_count, links + 2);
	ext2_iput(f);
	ext2_iput(a);
	ext2_iput(b);
	HT_EXPECT(unmount_clean(sb, root));
}

HT_TEST(hard_links_count_and_directories_refuse_them)
{
	struct super_block *sb;
	struct ext2_inode_info *root, *f;

	sb = fresh_image(4096, 8192, "", &root);
	HT_ASSERT(sb);
	f = ext2_create(root, "one", 3, 0100644);
	HT_EXPECT(write_pattern(f, 0, 10000, 2));
	HT_EXPECT_EQ(ext2_link(f, root, "two", 3), 0);
	HT_EXPECT_EQ(ext2_link(f, root, "two", 3), -EEXIST);
	HT_EXPECT_EQ(f->i_links_count, 2);
	HT_EXPECT_EQ(ext2_unlink(root, "one", 3), 0);
	HT_EXPECT_EQ(f->i_links_count, 1);
	HT_EXPECT(check_pattern(f, 0, 10000, 2));
	HT_EXPECT_EQ(ext2_link(root, root, "r", 1), -EPERM);
	ext2_iput(f);
	HT_EXPECT(unmount_clean(sb, root));
	HT_EXPECT(debugfs_stat_has(IMG, "/two", "Links: 1"));
}

HT_TEST(symlinks_fast_and_slow)
{
	static const int bss[] = { 1024, 4096 };
	char target[4200], got[1100];
	unsigned int b;

	memset(target, 't', sizeof(target));
	for (b = 0; b < 2; b++) {
		struct super_block *sb;
		struct ext2_inode_info *root, *l;

		sb = fresh_image(bss[b], 8192, "", &root);
		HT_ASSERT(sb);
		HT_EXPECT_EQ(ext2_symlink(root, "fast", 4, "some/where/short"), 0);
		target[59] = 0;					/* 59 bytes: still fast */
		HT_EXPECT_EQ(ext2_symlink(root, "fast59", 6, target), 0);
		target[59] = 't';
		target[60] = 0;					/* 60: slow */
		HT_EXPECT_EQ(ext2_symlink(root, "slow60", 6, target), 0);
		target[60] = 't';
		target[1000] = 0;
		HT_EXPECT_EQ(ext2_symlink(root, "slow", 4, target), 0);
		target[1000] = 't';
		target[bss[b]] = 0;				/* a block plus its NUL: too long */
		HT_EXPECT_EQ(ext2_symlink(root, "huge", 4, target), -ENAMETOOLONG);
		target[bss[b]] = 't';
		HT_EXPECT_EQ(ext2_symlink(root, "fast", 4, "x"), -EEXIST);
		l = ext2_lookup(root, "fast", 4);
		HT_ASSERT(!IS_ERR(l));
		HT_EXPECT_EQ(l->i_blocks, 0);
		HT_EXPECT_EQ(ext2_readlink(l, got, sizeof(got)), 16);
		HT_EXPECT(!memcmp(got, "some/where/short", 16));
		ext2_iput(l);
		l = ext2_lookup(root, "slow", 4);
		HT_ASSERT(!IS_ERR(l));
		HT_EXPECT_EQ(l->i_blocks, bss[b] / 512);
		HT_EXPECT_EQ(ext2_readlink(l, got, sizeof(got)), 1000);
		HT_EXPECT(!memcmp(got, target, 1000));
		ext2_iput(l);
		HT_EXPECT(unmount_clean(sb, root));
		HT_EXPECT(debugfs_stat_has(IMG, "/fast", "Fast link dest: \"some/where/short\""));
		HT_EXPECT(debugfs_stat_has(IMG, "/slow60", "Size: 60"));
		sb = mount_image(IMG, 0);
		root = ext2_iget(sb, EXT2_ROOT_INO);
		HT_EXPECT_EQ(ext2_unlink(root, "slow", 4), 0);
		HT_EXPECT_EQ(ext2_unlink(root, "fast", 4), 0);
		HT_EXPECT(unmount_clean(sb, root));
	}
}

HT_TEST(filling_the_disk_gives_enospc_and_deleting_recovers)
{
	struct super_block *sb;
	struct ext2_inode_info *root, *f;
	struct ext2_kstatfs before, full, after;
	char name[32];
	unsigned int i, nfiles = 0;
	ssize_t n;
	u64 pos = 0;
	static char chunk[8192];

	memset(chunk, 'z', sizeof(chunk));
	sb = fresh_image(1024, 1024, "-N 64", &root);
	HT_ASSERT(sb);
	ext2_statfs(sb, &before);
	f = ext2_create(root, "big", 3, 0100644);
	HT_ASSERT(!IS_ERR(f));
	while ((n = ext2_file_write(f, chunk, sizeof(chunk), pos)) == sizeof(chunk))
		pos += n;
	if (n > 0) {
		pos += n;
		n = ext2_file_write(f, chunk, sizeof(chunk), pos);
	}
	HT_EXPECT_EQ(n, -ENOSPC);
	HT_EXPECT(pos > 800 * 1024);
	HT_EXPECT(check_fill(f, pos, 'z'));
	ext2_statfs(sb, &full);
	HT_EXPECT_EQ(full.f_bfree, 0);
	ext2_iput(f);
	for (;;) {				/* the inodes run out too (empty files need none) */
		snprintf(name, sizeof(name), "e%u", nfiles);
		f = ext2_create(root, name, strlen(name), 0100644);
		if (IS_ERR(f))
			break;
		ext2_iput(f);
		nfiles++;
	}
	HT_EXPECT(PTR_ERR(f) == -ENOSPC);
	HT_EXPECT(nfiles > 40);
	HT_EXPECT(unmount_clean(sb, root));
	sb = mount_image(IMG, 0);
	root = ext2_iget(sb, EXT2_ROOT_INO);
	HT_EXPECT_EQ(ext2_unlink(root, "big", 3), 0);
	for (i = 0; i < nfiles; i++) {
		snprintf(name, sizeof(name), "e%u", i);
		HT_EXPECT_EQ(ext2_unlink(root, name, strlen(name)), 0);
	}
	ext2_statfs(sb, &after);
	HT_EXPECT_EQ(after.f_bfree, before.f_bfree);
	HT_EXPECT_EQ(after.f_ffree, before.f_ffree);
	f = ext2_create(root, "again", 5, 0100644);		/* usable again */
	HT_EXPECT(!IS_ERR(f) && write_pattern(f, 0, 100000, 9));
	ext2_iput(f);
	HT_EXPECT(unmount_clean(sb, root));
}

HT_TEST(deleting_files_with_xattr_blocks_frees_them)
{
	struct super_block *sb;
	struct ext2_inode_info *root, *f;
	struct ext2_kstatfs before, after;

	sh("rm -rf " SRC " && mkdir -p " SRC);
	write_pattern_file(SRC "/a", 100, 1);
	write_pattern_file(SRC "/b", 100, 2);
	if (setxattr(SRC "/a", "user.faultline", "x", 1, 0) ||
	    setxattr(SRC "/b", "user.faultline", "x", 1, 0)) {
		printf("# the host's file system has no user xattrs: nothing to test\n");
		return;
	}
	HT_ASSERT(mkfs(IMG, 1024, 8192, "-I 128 -d " SRC) == 0);	/* no room in the inode */
	sb = mount_image(IMG, 0);
	root = ext2_iget(sb, EXT2_ROOT_INO);
	f = ext2_lookup(root, "a", 1);
	HT_ASSERT(!IS_ERR(f));
	HT_EXPECT(f->i_file_acl != 0);
	ext2_iput(f);
	ext2_statfs(sb, &before);
	HT_EXPECT_EQ(ext2_unlink(root, "a", 1), 0);		/* a shared block stays */
	HT_EXPECT_EQ(ext2_unlink(root, "b", 1), 0);		/* the last one frees it */
	ext2_statfs(sb, &after);
	HT_EXPECT(after.f_bfree >= before.f_bfree + 3);
	HT_EXPECT(unmount_clean(sb, root));
}

/* debugfs_block - the disk block of file block @n of @file, by debugfs's bmap; 0 if none. */
static unsigned long debugfs_block(const char *file, unsigned int n)
{
	char req[128], out[64];

	snprintf(req, sizeof(req), "bmap %s %u", file, n);
	debugfs_output(IMG, req, out, sizeof(out));
	return strtoul(out, NULL, 10);
}

/* patch_u16 / patch_u32 at byte @off of block @block of the 1 KiB-block image IMG */
static void patch_block(unsigned long block, unsigned int off, u32 val, size_t len)
{
	FILE *f = fopen(IMG, "r+");

	if (!f)
		return;
	fseek(f, block * 1024 + off, SEEK_SET);
	fwrite(&val, len, 1, f);
	fclose(f);
}

HT_TEST(hostile_structures_after_mount_give_eio_and_a_log_line)
{
	struct super_block *sb;
	struct ext2_inode_info *root, *d, *f;
	unsigned long blk;
	char buf[2048];

	HT_ASSERT(mkfs(IMG, 1024, 8192, "") == 0);
	sh("debugfs -w -R 'mkdir d1' " IMG " >/dev/null 2>&1; debugfs -w -R 'mkdir d1/d2' " IMG
	   " >/dev/null 2>&1; debugfs -w -R 'mkdir d3' " IMG " >/dev/null 2>&1; "
	   "debugfs -w -R 'write /etc/hostname f' " IMG " >/dev/null 2>&1");
	/* a directory entry with rec_len 0 */
	blk = debugfs_block("/d3", 0);
	HT_ASSERT(blk);
	patch_block(blk, 12 + 4, 0, 2);				/* ".."'s rec_len */
	/* a file whose first block is the inode table */
	sh("debugfs -w -R 'set_inode_field /f block[0] 5' " IMG " >/dev/null 2>&1");
	/* a loop: d1's ".." names d2, d2's names d1 */
	patch_block(debugfs_block("/d1", 0), 12, 13, 4);
	sb = mount_image(IMG, 0);
	HT_ASSERT(sb);
	root = ext2_iget(sb, EXT2_ROOT_INO);
	d = ext2_lookup(root, "d3", 2);
	HT_ASSERT(!IS_ERR(d));
	HT_EXPECT(PTR_ERR(ext2_lookup(d, "x", 1)) == -EIO);
	HT_EXPECT(strstr(host_last_log, "EXT2-fs error (device vda): ext2_check_dir_block: bad entry "
			 "in directory #14: rec_len is smaller than minimal"));
	HT_EXPECT_EQ(ext2_mkdir(d, "x", 1, 0755), -EIO);
	ext2_iput(d);
	f = ext2_lookup(root, "f", 1);
	HT_ASSERT(!IS_ERR(f));
	HT_EXPECT_EQ(ext2_file_read(f, buf, sizeof(buf), 0), -EIO);
	HT_EXPECT(strstr(host_last_log, "bad block 5"));
	HT_EXPECT_EQ(ext2_file_write(f, "x", 1, 0), -EIO);
	ext2_iput(f);
	d = ext2_lookup(root, "d1", 2);
	HT_ASSERT(!IS_ERR(d));
	f = ext2_lookup(d, "d2", 2);
	HT_ASSERT(!IS_ERR(f));
	HT_EXPECT_EQ(ext2_mkdir(root, "m", 1, 0755), 0);
	HT_EXPECT_EQ(ext2_rename(root, "m", 1, f, "m", 1), -EIO);	/* walking up d2 loops */
	HT_EXPECT(strstr(host_last_log, "directory loop"));
	ext2_iput(f);
	ext2_iput(d);
	ext2_iput(root);
	HT_EXPECT(umount_image(sb));
}

/* ---- mount checks ---- */

HT_TEST(mount_refuses_unsupported_and_inconsistent_images)
{
	struct super_block *sb;

	HT_ASSERT(mkfs_type(IMG, "ext4", 4096, 8192, "") == 0);	/* extents, flex_bg, ... */
	HT_EXPECT_EQ(try_mount(IMG, 0), -EINVAL);
	HT_EXPECT(strstr(host_last_log, "unsupported optional features"));
	HT_ASSERT(mkfs(IMG, 1024, 8192, "-O metadata_csum") == 0 || 1);
	HT_ASSERT(mkfs(IMG, 1024, 8192, "") == 0);
	patch_le32(IMG, 1024 + 24, 3);					/* 8 KiB blocks */
	HT_EXPECT_EQ(try_mount(IMG, 0), -EINVAL);
	HT_EXPECT(strstr(host_last_log, "blocksize"));
	HT_ASSERT(mkfs(IMG, 1024, 8192, "") == 0);
	patch_le32(IMG, 1024 + 0, 12345);				/* s_inodes_count */
	HT_EXPECT_EQ(try_mount(IMG, 0), -EINVAL);
	HT_ASSERT(mkfs(IMG, 1024, 8192, "") == 0);
	patch_le32(IMG, 1024 + 40, 0);					/* s_inodes_per_group */
	HT_EXPECT_EQ(try_mount(IMG, 0), -EINVAL);
	HT_ASSERT(mkfs(IMG, 1024, 8192, "") == 0);
	patch_le32(IMG, 1024 + 4, 9000);				/* more blocks than the disk */
	HT_EXPECT_EQ(try_mount(IMG, 0), -EINVAL);
	HT_EXPECT(strstr(host_last_log, "exceeds size of device"));
	HT_ASSERT(mkfs(IMG, 1024, 8192, "") == 0);
	patch_le32(IMG, 1024 + 100, 0x8000);				/* unknown ro_compat */
	HT_EXPECT_EQ(try_mount(IMG, 0), -EINVAL);
	HT_EXPECT(strstr(host_last_log, "RDWR"));
	sb = mount_image(IMG, SB_RDONLY);				/* read-only is fine */
	HT_EXPECT(sb && umount_image(sb));
	HT_ASSERT(mkfs(IMG, 1024, 8192, "") == 0);
	patch_le32(IMG, 1024 + 56, 0);					/* s_magic (and s_state) */
	HT_EXPECT_EQ(try_mount(IMG, 0), -EINVAL);
	HT_EXPECT(strstr(host_last_log, "Can't find an ext2 filesystem"));
	HT_ASSERT(mkfs(IMG, 1024, 8192, "") == 0);
	truncate(IMG, 4096 * 1024);					/* the disk is short */
	HT_EXPECT_EQ(try_mount(IMG, 0), -EINVAL);
}

HT_TEST(read_only_mounts_refuse_writes)
{
	struct super_block *sb;
	struct ext2_inode_info *root;

	HT_ASSERT(mkfs(IMG, 1024, 8192, "") == 0);
	sb = mount_image(IMG, SB_RDONLY);
	HT_ASSERT(sb);
	root = ext2_iget(sb, EXT2_ROOT_INO);
	HT_EXPECT(PTR_ERR(ext2_create(root, "x", 1, 0100644)) == -EROFS);
	HT_EXPECT_EQ(ext2_mkdir(root, "x", 1, 0755), -EROFS);
	HT_EXPECT_EQ(ext2_unlink(root, "lost+found", 10), -EROFS);
	HT_EXPECT(unmount_clean(sb, root));
}

HT_TEST(revision_0_images_work)
{
	struct super_block *sb;
	struct ext2_inode_info *root, *f;

	sb = fresh_image(1024, 8192, "-r 0", &root);
	HT_ASSERT(sb);
	HT_EXPECT_EQ(ext2_mkdir(root, "d", 1, 0755), 0);
	f = ext2_create(root, "f", 1, 0100644);
	HT_ASSERT(!IS_ERR(f));
	HT_EXPECT(write_pattern(f, 0, 300000, 1));
	ext2_iput(f);
	HT_EXPECT(unmount_clean(sb, root));
}

HT_TEST(modifying_an_indexed_directory_clears_its_index)
{
	struct super_block *sb;
	struct ext2_inode_info *root, *d, *f;
	char path[128];
	unsigned int i;

	sh("rm -rf " SRC " && mkdir -p " SRC "/big");
	for (i = 0; i < 600; i++) {
		snprintf(path, sizeof(path), SRC "/big/a-file-with-a-long-name-number-%u", i);
		write_pattern_file(path, 0, 0);
	}
	HT_ASSERT(mkfs(IMG, 1024, 8192, "-d " SRC) == 0);
	sh("e2fsck -fyD " IMG " >/dev/null 2>&1");	/* -D builds the hash index */
	sb = mount_image(IMG, 0);
	root = ext2_iget(sb, EXT2_ROOT_INO);
	d = ext2_lookup(root, "big", 3);
	HT_ASSERT(!IS_ERR(d));
	HT_EXPECT(d->i_flags & EXT2_INDEX_FL);
	HT_EXPECT_EQ(count_entries(d), 602);
	f = ext2_lookup(d, "a-file-with-a-long-name-number-599", 34);
	HT_EXPECT(!IS_ERR(f));
	ext2_iput(f);
	HT_EXPECT_EQ(ext2_unlink(d, "a-file-with-a-long-name-number-7", 32), 0);
	HT_EXPECT(!(d->i_flags & EXT2_INDEX_FL));
	ext2_iput(d);
	HT_EXPECT(unmount_clean(sb, root));
}

/* ---- random operations, checked against the host's file system ---- */

#define MIRROR	HOST_EXT2_DIR "/mirror"

/* A random path: up to two directory levels (d0..d2), then a name of class @cls ('f' file,
 * 'd' directory, 's' symlink) numbered 0..3. */
static void random_path(char *buf, size_t size, char cls)
{
	int depth = rand() % 3, i, n = 0;

	buf[0] = 0;
	for (i = 0; i < depth; i++)
		n += snprintf(buf + n, size - n, "d%d/", rand() % 3);
	snprintf(buf + n, size - n, "%c%d", cls, rand() % 4);
}

/*
 * resolve_parent - the ext2 directory holding the last component of @path (referenced) and
 * that component in *@name; ERR_PTR(-ENOENT/-ENOTDIR) as a path walk would fail.
 */
static struct ext2_inode_info *resolve_parent(struct super_block *sb, const char *path,
					      const char **name)
{
	struct ext2_inode_info *dir = ext2_iget(sb, EXT2_ROOT_INO), *next;
	const char *slash;

	while ((slash = strchr(path, '/'))) {
		next = ext2_lookup(dir, path, slash - path);
		ext2_iput(dir);
		if (IS_ERR(next))
			return next;
		if (!EXT2_S_ISDIR(next->i_mode)) {
			ext2_iput(next);
			return ERR_PTR(-ENOTDIR);
		}
		dir = next;
		path = slash + 1;
	}
	*name = path;
	return dir;
}

/* host_result - 0 or -errno of a host call that returned @ret. */
static int host_result(long ret)
{
	return ret < 0 ? -errno : 0;
}

/*
 * ext2_op / host_op - operation @op on path @a (and @b), with write offset @pos and length
 * @len, on ext2 and on the mirror folder. Each returns 0 or -errno.
 */
static int ext2_op(struct super_block *sb, int op, const char *a, const char *b, u64 pos,
		   size_t len, unsigned int seed)
{
	const char *na, *nb;
	struct ext2_inode_info *da = resolve_parent(sb, a, &na), *db = NULL, *f;
	int err = 0;

	if (IS_ERR(da))
		return PTR_ERR(da);
	switch (op) {
	case 0:		/* create and write */
		f = ext2_lookup(da, na, strlen(na));
		if (PTR_ERR(f) == -ENOENT)
			f = ext2_create(da, na, strlen(na), 0100644);
		if (IS_ERR(f)) {
			err = PTR_ERR(f);
			break;
		}
		if (EXT2_S_ISDIR(f->i_mode))
			err = -EISDIR;
		else if (!write_pattern(f, pos, len, seed))
			err = -EIO;
		ext2_iput(f);
		break;
	case 1:
		f = ext2_lookup(da, na, strlen(na));
		if (IS_ERR(f)) {
			err = PTR_ERR(f);
			break;
		}
		err = EXT2_S_ISDIR(f->i_mode) ? -EISDIR : ext2_setsize(f, pos);
		ext2_iput(f);
		break;
	case 2:
		err = ext2_unlink(da, na, strlen(na));
		break;
	case 3:
		err = ext2_mkdir(da, na, strlen(na), 0755);
		break;
	case 4:
		err = ext2_rmdir(da, na, strlen(na));
		break;
	case 5:		/* both parents are walked first, then the source looked up */
		db = resolve_parent(sb, b, &nb);
		if (IS_ERR(db)) {
			err = PTR_ERR(db);
			db = NULL;
			break;
		}
		err = ext2_rename(da, na, strlen(na), db, nb, strlen(nb));
		break;
	case 6:		/* the source is looked up before the new name's parent */
		f = ext2_lookup(da, na, strlen(na));
		if (IS_ERR(f)) {
			err = PTR_ERR(f);
			break;
		}
		db = resolve_parent(sb, b, &nb);
		if (IS_ERR(db)) {
			err = PTR_ERR(db);
			db = NULL;
		} else {
			err = ext2_link(f, db, nb, strlen(nb));
		}
		ext2_iput(f);
		break;
	case 7:
		err = ext2_symlink(da, na, strlen(na), b);
		break;
	}
	ext2_iput(db);
	ext2_iput(da);
	return err;
}

static int host_op(int op, const char *a, const char *b, u64 pos, size_t len, unsigned int seed)
{
	char pa[256], pb[256];
	int fd, err = 0;
	size_t i;

	snprintf(pa, sizeof(pa), MIRROR "/%s", a);
	snprintf(pb, sizeof(pb), MIRROR "/%s", b);
	switch (op) {
	case 0:
		fd = open(pa, O_WRONLY | O_CREAT, 0644);
		if (fd < 0)
			return -errno;
		for (i = 0; i < len; i++)
			host_buf[i] = pattern(i, seed);
		if (pwrite(fd, host_buf, len, pos) != (ssize_t)len)
			err = -EIO;
		close(fd);
		return err;
	case 1: return host_result(truncate(pa, pos));
	case 2: return host_result(unlink(pa));
	case 3: return host_result(mkdir(pa, 0755));
	case 4: return host_result(rmdir(pa));
	case 5: return host_result(rename(pa, pb));
	case 6: return host_result(link(pa, pb));
	case 7: return host_result(symlink(b, pa));
	}
	return 0;
}

HT_TEST(random_operations_agree_with_the_host)
{
	static const char classes[] = "fds";
	const char *env = getenv("EXT2_RANDOM_SEED");
	unsigned int step, seed = env ? strtoul(env, NULL, 0) : 1, mismatches = 0, ok[8] = { 0 };
	struct super_block *sb;
	struct ext2_inode_info *root;
	int files = 0;

	umask(0);
	sh("rm -rf " MIRROR " && mkdir -p " MIRROR);
	env = getenv("EXT2_RANDOM_BS");
	HT_ASSERT(mkfs(IMG, env ? atoi(env) : 1024, env ? 16384 * 1024 / atoi(env) : 16384, "") == 0);
	sb = mount_image(IMG, 0);
	HT_ASSERT(sb);
	srand(seed);
	for (step = 0; step < 3000; step++) {
		int op = rand() % 8, e, h;
		char a[64], b[64];
		char cls = op == 0 || op == 1 || op == 2 || op == 6 ? 'f' :
			   op == 3 || op == 4 ? 'd' : op == 7 ? 's' : classes[rand() % 2];
		u64 pos = rand() % 3 ? (u64)(rand() % 20000) : (u64)(rand() % 400000);

		if (rand() % 40 == 0)		/* sparse, into triple indirect with 1 KiB blocks */
			pos = (66ULL << 20) + rand() % (4 << 20);
		size_t len = rand() % 3 ? (size_t)(rand() % 5000) : (size_t)(rand() % 60000);

		random_path(a, sizeof(a), cls);
		if (op == 7)
			snprintf(b, sizeof(b), "target-%0*d", rand() % 90, 1);
		else
			random_path(b, sizeof(b), op == 5 && rand() % 4 == 0 ? classes[rand() % 2] : cls);
		e = ext2_op(sb, op, a, b, pos, len, step);
		h = host_op(op, a, b, pos, len, step);
		ok[op] += !e;
		if (e != h && mismatches++ < 10)
			printf("# step %u: op %d %s %s: ext2 %d, host %d\n", step, op, a, b, e, h);
		if (step % 500 == 499) {		/* everything must survive a remount */
			HT_EXPECT(umount_image(sb));
			HT_EXPECT(fsck_clean(IMG));
			sb = mount_image(IMG, 0);
			HT_ASSERT(sb);
		}
	}
	HT_EXPECT_EQ(mismatches, 0);
	root = ext2_iget(sb, EXT2_ROOT_INO);
	compare_tree(MIRROR, root, &files);
	printf("# %d files at the end; successful write %u truncate %u unlink %u mkdir %u rmdir %u "
	       "rename %u link %u symlink %u\n", files, ok[0], ok[1], ok[2], ok[3], ok[4], ok[5],
	       ok[6], ok[7]);
	HT_EXPECT(unmount_clean(sb, root));
}

int main(void)
{
	host_ext2_setup();
	return ht_run_all();
}
