/*
 * file_mmap - a MAP_PRIVATE mapping of a file (this test's own binary, argv[0]) shows the
 * file's bytes (the ELF magic at offset 0, the same bytes read() returns); writes to the
 * mapping stay private: the file on disk and a second mapping of it are unchanged. Bytes
 * past the end of the file in its last page read as zero.
 *
 * Seed concept: file-backed VMAs. A read fault maps the file's page-cache page
 * (do_read_fault); the first write to a private file mapping copies that page into an
 * anonymous one (do_cow_fault), so the page cache, and therefore the file, never changes.
 */
#include "test.h"
#include <sys/stat.h>

int main(int argc, char *argv[])
{
	unsigned char *map, *map2, disk[PAGE_SIZE];
	struct stat st;
	size_t len, i, mid;
	int fd;

	(void)argc;
	fd = open(argv[0], O_RDONLY);
	ASSERT(fd >= 0, "open(%s): %s", argv[0], strerror(errno));
	ASSERT(fstat(fd, &st) == 0, "fstat: %s", strerror(errno));
	ASSERT(st.st_size >= (off_t)(2 * PAGE_SIZE), "%s is only %lld bytes", argv[0],
	       (long long)st.st_size);
	len = (size_t)st.st_size;
	mid = (len / 2) & ~(PAGE_SIZE - 1);	/* a page in the middle of the file */

	/* A read-only file descriptor may still back a private writable mapping. */
	map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT(map != MAP_FAILED, "mmap(%s, MAP_PRIVATE): %s", argv[0], strerror(errno));

	/* The mapping shows the file. */
	EXPECT(memcmp(map, "\177ELF", 4) == 0, "no ELF magic at offset 0: %02x %02x %02x %02x",
	       map[0], map[1], map[2], map[3]);
	ASSERT(pread(fd, disk, PAGE_SIZE, (off_t)mid) == (ssize_t)PAGE_SIZE, "pread: %s",
	       strerror(errno));
	EXPECT(memcmp(map + mid, disk, PAGE_SIZE) == 0, "mapping differs from read() at %#zx", mid);

	/* The tail of the last page, past the end of the file, reads as zero. */
	if (len % PAGE_SIZE) {
		size_t tail_bad = 0;
		for (i = len; i % PAGE_SIZE; i++)
			tail_bad += peek(map + i) != 0;
		EXPECT(tail_bad == 0, "%zu nonzero bytes past EOF in the last page", tail_bad);
	}

	/* Write to the private mapping: visible in it... */
	memcpy(map, "XXXX", 4);
	memset(map + mid, 0x77, PAGE_SIZE);
	EXPECT(memcmp(map, "XXXX", 4) == 0 && peek(map + mid + 100) == 0x77,
	       "writes to the private mapping did not stick");

	/* ...but not in the file, ... */
	ASSERT(pread(fd, disk, 4, 0) == 4, "pread: %s", strerror(errno));
	EXPECT(memcmp(disk, "\177ELF", 4) == 0, "file on disk changed at offset 0: %02x %02x",
	       disk[0], disk[1]);
	ASSERT(pread(fd, disk, PAGE_SIZE, (off_t)mid) == (ssize_t)PAGE_SIZE, "pread: %s",
	       strerror(errno));
	for (i = 0; i < PAGE_SIZE && disk[i] == 0x77; i++)
		;
	EXPECT(i < PAGE_SIZE, "file on disk now holds the private writes at %#zx", mid);

	/* ...nor in a second, independent mapping of the same file. */
	map2 = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	ASSERT(map2 != MAP_FAILED, "second mmap: %s", strerror(errno));
	EXPECT(memcmp(map2, "\177ELF", 4) == 0, "second mapping sees the first one's writes");
	EXPECT(memcmp(map2 + mid, disk, PAGE_SIZE) == 0, "second mapping differs from the file");

	munmap(map2, len);
	munmap(map, len);
	close(fd);
	return test_done();
}
