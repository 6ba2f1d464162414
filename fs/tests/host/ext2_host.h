/*
 * fs/tests/host/ext2_host.h - helpers of the ext2 host tests: making images with mke2fs,
 * mounting them through fs/ext2, checking them with e2fsck and debugfs, and files with a
 * known byte pattern. Everything is static: include this in exactly one file of each test
 * program (after the libc headers, fs/ext2/ext2.h and buffer_host.h).
 */
#ifndef FAULTLINE_EXT2_HOST_H
#define FAULTLINE_EXT2_HOST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOST_EXT2_DIR	"build/host/fs/ext2"

/* sh - run @cmd with the shell; its exit status (-1 if it could not run). */
static __attribute__((unused)) int sh(const char *cmd)
{
	int st = system(cmd);

	return st == -1 ? -1 : WEXITSTATUS(st);
}

/* mkfs_type - a fresh @type image @path of @blocks blocks of @bs bytes (mke2fs counts a
 * size without a unit in blocks when -b is given), more mke2fs options in @extra. Returns
 * mke2fs's exit status. */
static __attribute__((unused)) int mkfs_type(const char *path, const char *type, int bs,
					     int blocks, const char *extra)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -f %s && mke2fs -q -F -t %s -b %d %s %s %d >/dev/null 2>&1",
		 path, type, bs, extra, path, blocks);
	return sh(cmd);
}

/* mkfs - a fresh ext2 image, as Debian's mke2fs -t ext2 makes it. */
static __attribute__((unused)) int mkfs(const char *path, int bs, int blocks, const char *extra)
{
	return mkfs_type(path, "ext2", bs, blocks, extra);
}

/* pattern - byte @i of pattern @seed (not periodic in any block size). */
static __attribute__((unused)) unsigned char pattern(unsigned long i, unsigned int seed)
{
	return (unsigned char)(i * 13 + seed * 101 + i / 251 + (i >> 16));
}

/* write_pattern_file - a host file of @size pattern bytes. */
static __attribute__((unused)) void write_pattern_file(const char *path, size_t size, unsigned int seed)
{
	FILE *f = fopen(path, "w");
	size_t i;

	if (!f)
		return;
	for (i = 0; i < size; i++)
		fputc(pattern(i, seed), f);
	fclose(f);
}

static char host_buf[65536];

/* write_pattern - write @len bytes of pattern @seed at @pos of @inode (byte pos + i is
 * pattern(i)). True if all were written. */
static __attribute__((unused)) bool write_pattern(struct ext2_inode_info *inode, u64 pos, u64 len, unsigned int seed)
{
	u64 done = 0;

	while (done < len) {
		size_t n = len - done < sizeof(host_buf) ? len - done : sizeof(host_buf), i;

		for (i = 0; i < n; i++)
			host_buf[i] = pattern(done + i, seed);
		if (ext2_file_write(inode, host_buf, n, pos + done) != (ssize_t)n)
			return false;
		done += n;
	}
	return true;
}

/* check_pattern_buf - does @buf hold pattern @seed's bytes @start .. @start + @len? */
static __attribute__((unused)) bool check_pattern_buf(const char *buf, u64 start, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)buf[i] != pattern(start + i, seed)) {
			printf("# byte %llu is %u, not %u\n", (unsigned long long)(start + i),
			       (unsigned char)buf[i], pattern(start + i, seed));
			return false;
		}
	return true;
}

/* check_pattern - does @inode hold what write_pattern(@pos, @len, @seed) wrote? */
static __attribute__((unused)) bool check_pattern(struct ext2_inode_info *inode, u64 pos, u64 len, unsigned int seed)
{
	u64 done = 0;

	while (done < len) {
		size_t n = len - done < sizeof(host_buf) ? len - done : sizeof(host_buf);

		if (ext2_file_read(inode, host_buf, n, pos + done) != (ssize_t)n)
			return false;
		if (!check_pattern_buf(host_buf, done, n, seed))
			return false;
		done += n;
	}
	return true;
}

/* check_fill - are the first @len bytes of @inode all @c? */
static __attribute__((unused)) bool check_fill(struct ext2_inode_info *inode, u64 len, char c)
{
	u64 done = 0;
	size_t i;

	while (done < len) {
		size_t n = len - done < sizeof(host_buf) ? len - done : sizeof(host_buf);

		if (ext2_file_read(inode, host_buf, n, done) != (ssize_t)n)
			return false;
		for (i = 0; i < n; i++)
			if (host_buf[i] != c)
				return false;
		done += n;
	}
	return true;
}

/* file_matches - does @inode hold exactly the host file @path's bytes? */
static __attribute__((unused)) bool file_matches(struct ext2_inode_info *inode, const char *path)
{
	static char want[65536];
	FILE *f = fopen(path, "r");
	u64 pos = 0;
	size_t n;
	bool ok = true;

	if (!f)
		return false;
	while (ok && (n = fread(want, 1, sizeof(want), f)) > 0) {
		ok = ext2_file_read(inode, host_buf, n, pos) == (ssize_t)n &&
		     !memcmp(want, host_buf, n);
		pos += n;
	}
	fclose(f);
	return ok && pos == inode->i_size;
}

static __attribute__((unused)) int count_one(void *ctx, const char *name, unsigned int len, u64 pos, unsigned long ino,
		     unsigned int type)
{
	(void)name; (void)len; (void)pos; (void)ino; (void)type;
	(*(unsigned long *)ctx)++;
	return 0;
}

/* count_entries - the live entries of @dir ("." and ".." included), or -1 on error. */
static __attribute__((unused)) unsigned long count_entries(struct ext2_inode_info *dir)
{
	unsigned long n = 0;
	u64 pos = 0;

	if (ext2_readdir(dir, &pos, count_one, &n))
		return (unsigned long)-1;
	return n;
}

/* try_mount - mount @path and unmount it again; the mount's result. */
static __attribute__((unused)) int try_mount(const char *path, unsigned long flags)
{
	struct super_block *sb = host_open_disk(path, flags);
	int err;

	if (!sb)
		return -ENODEV;
	err = ext2_fill_super(sb, false);
	if (!err)
		ext2_put_super(sb);
	host_close_disk(sb);
	return err;
}

/* mount_image - mount @path (@flags: SB_RDONLY); NULL (printed) if that fails. */
static struct super_block *mount_image(const char *path, unsigned long flags)
{
	struct super_block *sb = host_open_disk(path, flags);
	int err;

	if (!sb)
		return NULL;
	err = ext2_fill_super(sb, false);
	if (err) {
		printf("# mount %s: %d\n", path, err);
		host_close_disk(sb);
		return NULL;
	}
	return sb;
}

/* umount_image - unmount @sb: true if no inode, buffer or allocation was left behind. */
static __attribute__((unused)) bool umount_image(struct super_block *sb)
{
	unsigned long inodes = ext2_nr_live_inodes(sb), busy;

	ext2_put_super(sb);
	busy = host_close_disk(sb);
	if (inodes || busy || host_live_allocs) {
		printf("# unmount: %lu inodes, %lu buffers, %ld allocations left\n", inodes, busy,
		       host_live_allocs);
		host_live_allocs = 0;
		return false;
	}
	return true;
}

/* fsck_clean - does `e2fsck -fn @path` exit 0? Its output is printed if not. */
static __attribute__((unused)) bool fsck_clean(const char *path)
{
	char cmd[256], line[512];
	FILE *p;
	int st;

	snprintf(cmd, sizeof(cmd), "e2fsck -fn %s 2>&1", path);
	p = popen(cmd, "r");
	if (!p)
		return false;
	static char out[16384];
	size_t used = 0;

	out[0] = 0;
	while (fgets(line, sizeof(line), p))
		used += snprintf(out + used, used < sizeof(out) ? sizeof(out) - used : 0, "# %s",
				 line), used = used < sizeof(out) ? used : sizeof(out) - 1;
	st = pclose(p);
	if (st == -1 || WEXITSTATUS(st) != 0) {
		printf("# e2fsck -fn %s exited %d:\n%s", path, WEXITSTATUS(st), out);
		return false;
	}
	return true;
}

/* debugfs_output - run `debugfs -R @request @path`, its stdout in @out (@size bytes). */
static __attribute__((unused)) size_t debugfs_output(const char *path, const char *request, char *out, size_t size)
{
	char cmd[512];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "debugfs -R '%s' %s 2>/dev/null", request, path);
	p = popen(cmd, "r");
	if (!p)
		return 0;
	n = fread(out, 1, size - 1, p);
	out[n] = 0;
	pclose(p);
	return n;
}

/* debugfs_stat_has - does `debugfs -R 'stat @file'` print @needle? */
static __attribute__((unused)) bool debugfs_stat_has(const char *path, const char *file, const char *needle)
{
	static char out[65536];
	char req[256];

	snprintf(req, sizeof(req), "stat %s", file);
	debugfs_output(path, req, out, sizeof(out));
	if (strstr(out, needle))
		return true;
	printf("# debugfs stat %s has no '%s':\n%s", file, needle, out);
	return false;
}

/* debugfs_cat_matches - does `debugfs -R 'cat @file'` print @len bytes of pattern @seed? */
static __attribute__((unused)) bool debugfs_cat_matches(const char *path, const char *file, size_t len, unsigned int seed)
{
	char *out = malloc(len + 2), req[256];
	bool ok;

	snprintf(req, sizeof(req), "cat %s", file);
	ok = out && debugfs_output(path, req, out, len + 2) == len &&
	     check_pattern_buf(out, 0, len, seed);
	free(out);
	return ok;
}

/* patch_le32 - write @val at byte @off of the image @path. */
static __attribute__((unused)) void patch_le32(const char *path, long off, u32 val)
{
	FILE *f = fopen(path, "r+");

	if (!f)
		return;
	fseek(f, off, SEEK_SET);
	fwrite(&val, 4, 1, f);
	fclose(f);
}

/* host_ext2_setup - the scratch folder; bail out if e2fsprogs are missing. */
static __attribute__((unused)) void host_ext2_setup(void)
{
	if (sh("command -v mke2fs >/dev/null && command -v e2fsck >/dev/null && "
	       "command -v debugfs >/dev/null") != 0) {
		printf("Bail out! e2fsprogs (mke2fs, e2fsck, debugfs) are needed\n");
		exit(1);
	}
	sh("mkdir -p " HOST_EXT2_DIR);
}

#endif
