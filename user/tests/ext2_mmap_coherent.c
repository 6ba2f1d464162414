/*
 * ext2_mmap_coherent - read(), write() and a MAP_SHARED mapping of an ext2 file see the same
 * bytes at once, whichever wrote them: one page cache. Also across two mappings of the same
 * file and after extending the file with write() (the new page appears in the mapping).
 */
#include "ext2_disk.h"

#define MNT	"/mnt/ext2_mmap_coherent"
#define F	MNT "/coherent"
#define LEN	(16 * PAGE_SIZE)

int main(void)
{
	static unsigned char buf[LEN];
	unsigned char *m, *m2;
	char c;
	int fd;

	umount2(MNT, 0);
	ext2_mount(EXT2_DEV_1K, MNT, 0);
	fd = open(F, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT(fd >= 0, "create: %s", strerror(errno));
	memset(buf, '.', LEN / 2);
	pwrite_all(fd, buf, LEN / 2, 0);
	m = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	m2 = mmap(NULL, LEN, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT(m != MAP_FAILED && m2 != MAP_FAILED, "mmap: %s", strerror(errno));

	for (size_t off = 0; off < LEN / 2; off += 1000) {
		pwrite_all(fd, "w", 1, (off_t)off);
		EXPECT(m[off] == 'w' && m2[off] == 'w', "write() at %zu not seen by the mappings", off);
		m[off + 1] = 'm';
		pread_all(fd, &c, 1, (off_t)off + 1);
		EXPECT(c == 'm' && m2[off + 1] == 'm', "mapping store at %zu not seen by read()", off + 1);
	}
	/* Grow the file with write(): the mapping's pages past the old end become the file's. */
	memset(buf, 'g', LEN / 2);
	pwrite_all(fd, buf, LEN / 2, LEN / 2);
	EXPECT(m[LEN / 2] == 'g' && m[LEN - 1] == 'g', "the grown part is not seen through the mapping");
	m[LEN - 1] = 'z';
	pread_all(fd, &c, 1, LEN - 1);
	EXPECT(c == 'z', "store in the grown part not seen by read(): '%c'", c);

	munmap(m, LEN);
	munmap(m2, LEN);
	close(fd);
	EXPECT(unlink(F) == 0, "unlink: %s", strerror(errno));
	ext2_umount(MNT);
	return test_done();
}
