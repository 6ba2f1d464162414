/*
 * ext2_mmap_shared - data written through a MAP_SHARED mapping of an ext2 file, then msync'd
 * (MS_SYNC) and unmapped, is in the file after umount + mount: the page cache wrote it back.
 * A page written again after its write-back (the PTE was made read-only again, page_mkclean)
 * is written again: the second msync's data is there too. Pages the program never touched
 * keep their old contents. On both block sizes.
 */
#include "ext2_disk.h"

#define MNT	"/mnt/ext2_mmap_shared"
#define F	MNT "/shared"
#define PAGES	8

static void check_disk(const char *dev)
{
	static unsigned char buf[PAGES * PAGE_SIZE];
	unsigned char *m;
	long flt0, flt1;
	int fd;

	ext2_mount(dev, MNT, 0);
	fd = open(F, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT(fd >= 0, "create: %s", strerror(errno));
	memset(buf, 'o', sizeof(buf));
	pwrite_all(fd, buf, sizeof(buf), 0);
	m = mmap(NULL, sizeof(buf), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT(m != MAP_FAILED, "mmap: %s", strerror(errno));
	close(fd);
	for (int p = 0; p < PAGES; p += 2)
		memset(m + p * PAGE_SIZE, 'A' + p, PAGE_SIZE);
	EXPECT(msync(m, sizeof(buf), MS_SYNC) == 0, "msync: %s", strerror(errno));
	/* Written again after the write-back: must reach the disk again. The write-back made the
	 * PTE read-only (page_mkclean), so this write faults and dirties the page anew; without
	 * that the page would only be saved by munmap, which finds the PTE dirty. */
	flt0 = minflt();
	memcpy(m + 2 * PAGE_SIZE + 100, "again", 5);
	flt1 = minflt();
	EXPECT(flt1 > flt0, "%s: a write after msync took no fault (minflt %ld -> %ld): the "
	       "write-back left the page writable", dev, flt0, flt1);
	EXPECT(msync(m, sizeof(buf), MS_SYNC) == 0, "msync 2: %s", strerror(errno));
	EXPECT(munmap(m, sizeof(buf)) == 0, "munmap: %s", strerror(errno));

	ext2_remount(dev, MNT);
	fd = open(F, O_RDONLY);
	ASSERT(fd >= 0, "open after remount: %s", strerror(errno));
	pread_all(fd, buf, sizeof(buf), 0);
	close(fd);
	for (int p = 0; p < PAGES; p++) {
		unsigned char c = p % 2 ? 'o' : (unsigned char)('A' + p);
		int bad = -1;

		for (size_t i = 0; i < PAGE_SIZE && bad < 0; i++) {
			unsigned char w = (p == 2 && i >= 100 && i < 105) ? (unsigned char)"again"[i - 100] : c;
			if (buf[p * PAGE_SIZE + i] != w)
				bad = (int)i;
		}
		EXPECT(bad < 0, "%s: page %d byte %d is '%c' after remount", dev, p, bad,
		       bad < 0 ? ' ' : buf[p * PAGE_SIZE + bad]);
	}
	EXPECT(unlink(F) == 0, "unlink: %s", strerror(errno));
	ext2_umount(MNT);
}

int main(void)
{
	umount2(MNT, 0);
	check_disk(EXT2_DEV_4K);
	check_disk(EXT2_DEV_1K);
	return test_done();
}
