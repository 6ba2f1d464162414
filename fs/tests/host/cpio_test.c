/*
 * fs/tests/host/cpio_test.c - host unit tests of the initramfs's cpio "newc" header parser
 * (fs/cpio.c): real archives made by `cpio -o -H newc` at test time walk to the trailer with
 * the right names, modes and data; archives built byte by byte cover every name padding;
 * truncated and corrupted variants are refused with the offset and the problem, never read
 * out of bounds (each archive sits in a malloc'ed buffer of exactly its size, under ASan).
 *
 * Run: make -f fs/tests/host/host.mk host-test-fs
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "fs/cpio.h"
#include "tools/hosttest.h"

#define MAX_ENTRIES 64

/* An archive in a buffer of exactly its size, so ASan catches any read past the end. */
struct archive {
	unsigned char *buf;
	size_t len;
};

/* The result of walking an archive from offset 0. */
struct walk {
	int result;			/* CPIO_END or CPIO_CORRUPT */
	int n;				/* entries before it */
	struct cpio_entry e[MAX_ENTRIES];
	struct cpio_error err;
	size_t end;			/* CPIO_END: the trailer's offset */
};

static struct archive real;		/* made by the cpio tool in setup() */
static char tmpdir[] = "/tmp/faultline-cpio-test.XXXXXX";

/* copy_archive - a new exact-size copy of the first @len bytes of @src (len may be 0). */
static struct archive copy_archive(const unsigned char *src, size_t len)
{
	struct archive a = { malloc(len ? len : 1), len };

	if (!a.buf) {
		perror("malloc");
		exit(2);
	}
	memcpy(a.buf, src, len);
	return a;
}

/* walk - parse every header of @a in turn, as unpack_to_rootfs does. */
static void walk(const struct archive *a, struct walk *w)
{
	size_t offset = 0;

	memset(w, 0, sizeof(*w));
	for (;;) {
		struct cpio_entry e;
		int r = cpio_parse_header(a->buf, a->len, offset, &e, &w->err);

		if (r != CPIO_ENTRY) {
			w->result = r;
			w->end = offset;
			return;
		}
		if (w->n < MAX_ENTRIES)
			w->e[w->n] = e;
		w->n++;
		if (e.next <= offset) {		/* must always advance */
			w->result = 99;
			return;
		}
		offset = e.next;
	}
}

static const struct cpio_entry *find(const struct walk *w, const char *name)
{
	for (int i = 0; i < w->n && i < MAX_ENTRIES; i++)
		if (strcmp(w->e[i].name, name) == 0)
			return &w->e[i];
	return NULL;
}

/* --- a byte-by-byte archive builder, for exact control over the layout --- */

struct builder {
	unsigned char buf[16384];
	size_t len;
};

static void put_entry(struct builder *b, const char *name, unsigned int mode, const void *data,
		      size_t size)
{
	size_t namesize = strlen(name) + 1;

	b->len += (size_t)sprintf((char *)b->buf + b->len,
				  "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
				  7, mode, 0, 0, 1, 1700000000, size, 0, 0, 0, 0, namesize, 0);
	memcpy(b->buf + b->len, name, namesize);
	b->len += namesize;
	while (b->len % 4)
		b->buf[b->len++] = 0;
	memcpy(b->buf + b->len, data, size);
	b->len += size;
	while (b->len % 4)
		b->buf[b->len++] = 0;
}

static void put_trailer(struct builder *b)
{
	put_entry(b, CPIO_TRAILER, 0, "", 0);
}

/* built - the archive "a" (dir), "a/bc" (3 bytes), "a/bcd" (0), "a/bcde" (5), trailer:
 * names of 2, 5, 6 and 7 bytes with their NUL, so every padding (0-3 bytes) occurs. */
static struct archive built(void)
{
	static struct builder b;

	b.len = 0;
	put_entry(&b, "a", S_IFDIR | 0755, "", 0);
	put_entry(&b, "a/bc", S_IFREG | 0644, "xyz", 3);
	put_entry(&b, "a/bcd", S_IFREG | 0600, "", 0);
	put_entry(&b, "a/bcde", S_IFREG | 0755, "12345", 5);
	put_trailer(&b);
	return copy_archive(b.buf, b.len);
}

/* setup - make a real archive with the cpio tool from a small tree in a temporary directory
 * (GNU cpio drops the "./" of the names find prints, as tools/mkinitramfs's archives show). */
static void setup(void)
{
	char cmd[512];
	FILE *f;
	long size;

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(cmd, sizeof(cmd),
		 "set -e; command -v cpio >/dev/null || "
		 "{ echo 'cpio is not installed (Debian: apt-get install cpio)' >&2; exit 1; }; "
		 "cd %s && mkdir -p tree/bin tree/empty-dir && cd tree && "
		 "printf 'hello\\n' > bin/hello && chmod 0751 bin/hello && "
		 "head -c 5000 /dev/urandom > bin/big && : > bin/zero && "
		 "printf x > n && printf yy > nn && printf zzz > nnn && chmod 0700 empty-dir && "
		 "find . | LC_ALL=C sort | cpio -o -H newc --quiet > ../archive.cpio", tmpdir);
	if (system(cmd) != 0) {
		fprintf(stderr, "cpio_test: could not make an archive with cpio\n");
		exit(2);
	}
	snprintf(cmd, sizeof(cmd), "%s/archive.cpio", tmpdir);
	f = fopen(cmd, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		perror(cmd);
		exit(2);
	}
	real.len = (size_t)size;
	real.buf = malloc(real.len);
	if (!real.buf || fread(real.buf, 1, real.len, f) != real.len) {
		perror("read archive");
		exit(2);
	}
	fclose(f);
}

/* read_tree_file - the bytes of tree/@name in the temporary directory. */
static size_t read_tree_file(const char *name, unsigned char *buf, size_t size)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/tree/%s", tmpdir, name);
	f = fopen(path, "rb");
	if (!f)
		return (size_t)-1;
	n = fread(buf, 1, size, f);
	fclose(f);
	return n;
}

HT_TEST(real_archive_walks_to_trailer)
{
	static struct walk w;
	static unsigned char data[8192];
	const struct cpio_entry *e;

	walk(&real, &w);
	HT_ASSERT(w.result == CPIO_END);
	HT_EXPECT(w.end < real.len);
	HT_EXPECT(find(&w, ".") != NULL);
	HT_ASSERT((e = find(&w, "bin/hello")) != NULL);
	HT_EXPECT_EQ(e->mode, S_IFREG | 0751);
	HT_EXPECT_EQ(e->filesize, 6);
	HT_EXPECT(memcmp(e->data, "hello\n", 6) == 0);
	HT_EXPECT(e->data + e->filesize <= real.buf + real.len);
	HT_ASSERT((e = find(&w, "bin/big")) != NULL);
	HT_EXPECT_EQ(e->filesize, 5000);
	HT_EXPECT_EQ(read_tree_file("bin/big", data, sizeof(data)), 5000);
	HT_EXPECT(memcmp(e->data, data, 5000) == 0);
	HT_ASSERT((e = find(&w, "bin/zero")) != NULL);
	HT_EXPECT_EQ(e->filesize, 0);
	HT_ASSERT((e = find(&w, "empty-dir")) != NULL);
	HT_EXPECT_EQ(e->mode, S_IFDIR | 0700);
	HT_ASSERT((e = find(&w, "nnn")) != NULL);
	HT_EXPECT(e->filesize == 3 && memcmp(e->data, "zzz", 3) == 0);
	HT_EXPECT_EQ(w.n, 9);		/* . bin bin/big bin/hello bin/zero empty-dir n nn nnn */
}

HT_TEST(built_archive_every_padding)
{
	struct archive a = built();
	static struct walk w;

	walk(&a, &w);
	HT_ASSERT(w.result == CPIO_END);
	HT_ASSERT(w.n == 4);
	HT_EXPECT(strcmp(w.e[0].name, "a") == 0 && w.e[0].mode == (S_IFDIR | 0755));
	HT_EXPECT(strcmp(w.e[1].name, "a/bc") == 0 && memcmp(w.e[1].data, "xyz", 3) == 0);
	HT_EXPECT(strcmp(w.e[2].name, "a/bcd") == 0 && w.e[2].filesize == 0);
	HT_EXPECT(strcmp(w.e[3].name, "a/bcde") == 0 && memcmp(w.e[3].data, "12345", 5) == 0);
	for (int i = 0; i < 4; i++) {
		HT_EXPECT_EQ(w.e[i].offset % 4, 0);
		HT_EXPECT_EQ((size_t)(w.e[i].data - a.buf) % 4, 0);
		HT_EXPECT_EQ(w.e[i].mtime, 1700000000);
	}
	free(a.buf);
}

/* Every prefix of a real archive that cuts off the trailer's name is refused; the others end
 * at the trailer (its padding may be cut). Nothing reads past the exact-size buffer. */
HT_TEST(every_truncation_is_refused)
{
	static struct walk full, w;
	size_t trailer_name_end, bad = 0;

	walk(&real, &full);
	HT_ASSERT(full.result == CPIO_END);
	trailer_name_end = full.end + CPIO_HEADER_SIZE + sizeof(CPIO_TRAILER);
	for (size_t len = 0; len <= real.len; len++) {
		struct archive a = copy_archive(real.buf, len);

		walk(&a, &w);
		if (len < trailer_name_end) {
			if (w.result != CPIO_CORRUPT || w.err.offset > len || !w.err.what)
				bad++;
		} else if (w.result != CPIO_END || w.n != full.n) {
			bad++;
		}
		free(a.buf);
	}
	HT_EXPECT_EQ(bad, 0);
}

HT_TEST(empty_archive_has_no_trailer)
{
	struct archive a = copy_archive((const unsigned char *)"", 0);
	struct walk w;

	walk(&a, &w);
	HT_EXPECT_EQ(w.result, CPIO_CORRUPT);
	HT_EXPECT(strstr(w.err.what, "TRAILER!!!") != NULL);
	free(a.buf);
}

HT_TEST(missing_trailer)
{
	struct archive a = built(), cut;
	static struct walk w;

	walk(&a, &w);
	HT_ASSERT(w.result == CPIO_END);
	cut = copy_archive(a.buf, w.end);	/* everything but the trailer */
	walk(&cut, &w);
	HT_EXPECT_EQ(w.result, CPIO_CORRUPT);
	HT_EXPECT_EQ(w.n, 4);
	HT_EXPECT_EQ(w.err.offset, cut.len);
	HT_EXPECT(strstr(w.err.what, "without") != NULL);
	free(a.buf);
	free(cut.buf);
}

HT_TEST(bad_magic)
{
	struct archive a = built();
	struct walk w;

	a.buf[5] = '2';				/* 070702: the CRC format, not accepted */
	walk(&a, &w);
	HT_EXPECT_EQ(w.result, CPIO_CORRUPT);
	HT_EXPECT_EQ(w.n, 0);
	HT_EXPECT_EQ(w.err.offset, 0);
	HT_EXPECT(strstr(w.err.what, "magic") != NULL);
	free(a.buf);
}

HT_TEST(bad_magic_in_second_header)
{
	struct archive a = built();
	struct walk w;
	size_t second;

	walk(&a, &w);
	second = w.e[1].offset;
	a.buf[second] = 'X';
	walk(&a, &w);
	HT_EXPECT_EQ(w.result, CPIO_CORRUPT);
	HT_EXPECT_EQ(w.n, 1);			/* the first entry was fine */
	HT_EXPECT_EQ(w.err.offset, second);
	free(a.buf);
}

HT_TEST(field_not_hex_names_field_and_offset)
{
	static const char *const names[13] = {
		"c_ino", "c_mode", "c_uid", "c_gid", "c_nlink", "c_mtime", "c_filesize",
		"c_devmajor", "c_devminor", "c_rdevmajor", "c_rdevminor", "c_namesize", "c_check",
	};

	for (int field = 0; field < 13; field++) {
		struct archive a = built();
		struct walk w;
		size_t at = 6 + 8 * (size_t)field + 3;

		a.buf[at] = (field % 2) ? 'g' : ' ';
		walk(&a, &w);
		HT_EXPECT_EQ(w.result, CPIO_CORRUPT);
		HT_EXPECT_EQ(w.err.offset, 6 + 8 * (size_t)field);
		HT_EXPECT(w.err.field && strcmp(w.err.field, names[field]) == 0);
		free(a.buf);
	}
}

HT_TEST(uppercase_and_lowercase_hex)
{
	struct archive a = built();
	struct walk w;

	for (size_t i = 6; i < CPIO_HEADER_SIZE; i++)	/* the first header in lowercase */
		if (a.buf[i] >= 'A' && a.buf[i] <= 'F')
			a.buf[i] = (unsigned char)(a.buf[i] - 'A' + 'a');
	walk(&a, &w);
	HT_EXPECT_EQ(w.result, CPIO_END);
	HT_EXPECT_EQ(w.e[0].mode, S_IFDIR | 0755);
	free(a.buf);
}

/* set_field - overwrite field @index (0 = c_ino) of the header at @off with @value. */
static void set_field(struct archive *a, size_t off, int index, unsigned int value)
{
	char tmp[9];

	snprintf(tmp, sizeof(tmp), "%08X", value);
	memcpy(a->buf + off + 6 + 8 * index, tmp, 8);
}

HT_TEST(file_size_past_end)
{
	unsigned int sizes[] = { 0xffffffffu, 0x7fffffffu, 1000 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct archive a = built();
		struct walk w;

		walk(&a, &w);
		set_field(&a, w.e[3].offset, 6, sizes[i]);	/* a/bcde: c_filesize */
		walk(&a, &w);
		HT_EXPECT_EQ(w.result, CPIO_CORRUPT);
		HT_EXPECT_EQ(w.n, 3);
		HT_EXPECT(strstr(w.err.what, "data runs past") != NULL);
		free(a.buf);
	}
}

HT_TEST(name_size_past_end)
{
	unsigned int sizes[] = { 0xffffffffu, 0x80000000u, 100000 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct archive a = built();
		struct walk w;

		set_field(&a, 0, 11, sizes[i]);
		walk(&a, &w);
		HT_EXPECT_EQ(w.result, CPIO_CORRUPT);
		HT_EXPECT_EQ(w.err.offset, CPIO_HEADER_SIZE);
		HT_EXPECT(strstr(w.err.what, "name runs past") != NULL);
		free(a.buf);
	}
}

HT_TEST(name_size_zero)
{
	struct archive a = built();
	struct walk w;

	set_field(&a, 0, 11, 0);
	walk(&a, &w);
	HT_EXPECT_EQ(w.result, CPIO_CORRUPT);
	HT_EXPECT(w.err.field && strcmp(w.err.field, "c_namesize") == 0);
	free(a.buf);
}

HT_TEST(name_not_terminated_or_with_nul_inside)
{
	struct archive a = built();
	struct walk w;

	a.buf[CPIO_HEADER_SIZE + 1] = 'x';	/* "a" + NUL -> "ax", no NUL */
	walk(&a, &w);
	HT_EXPECT_EQ(w.result, CPIO_CORRUPT);
	HT_EXPECT(strstr(w.err.what, "not NUL-terminated") != NULL);
	free(a.buf);

	a = built();
	walk(&a, &w);
	a.buf[w.e[1].offset + CPIO_HEADER_SIZE + 1] = '\0';	/* "a/bc" -> "a\0bc" */
	walk(&a, &w);
	HT_EXPECT_EQ(w.result, CPIO_CORRUPT);
	HT_EXPECT_EQ(w.n, 1);
	HT_EXPECT(strstr(w.err.what, "NUL inside") != NULL);
	free(a.buf);
}

/* Change every byte of a small archive to a few values: every walk ends (END or CORRUPT),
 * always moving forward, within the buffer (ASan checks the reads). */
HT_TEST(every_byte_corrupted_walk_terminates)
{
	static const unsigned char values[] = { 0, '0', '9', 'F', 'f', 'g', 0xff, '7' };
	struct archive orig = built();
	unsigned long walks = 0, bad = 0;

	for (size_t i = 0; i < orig.len; i++) {
		for (size_t v = 0; v < sizeof(values); v++) {
			struct archive a = copy_archive(orig.buf, orig.len);
			static struct walk w;

			a.buf[i] = values[v];
			walk(&a, &w);
			walks++;
			if (w.result != CPIO_END && w.result != CPIO_CORRUPT)
				bad++;
			if (w.result == CPIO_CORRUPT && (w.err.offset > a.len || !w.err.what))
				bad++;
			free(a.buf);
		}
	}
	HT_EXPECT_EQ(bad, 0);
	HT_EXPECT(walks > 1000);
	free(orig.buf);
}

int main(void)
{
	int ret;
	char cmd[600];

	setup();
	ret = ht_run_all();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cpio_test: could not remove %s\n", tmpdir);
	free(real.buf);
	return ret;
}
