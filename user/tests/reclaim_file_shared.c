/*
 * reclaim_file_shared - a shared mapping of an ext2 file 1.5 x the size of RAM, written
 * through the mapping with swap off: the dirty pages that do not fit must be written back to
 * the file when they are evicted (nothing else can free them). The data is read back through
 * the mapping, then, after munmap and a remount (so nothing comes from the page cache),
 * through a fresh mapping again. The file is removed and the disk unmounted at the end.
 */
#include "reclaim_disk.h"
#include "ext2_disk.h"

#define MNT	"/mnt/reclaim_file"
#define BIG	MNT "/big"

int main(void)
{
	size_t pages = ram_pages() * 3 / 2, len = pages * PAGE_SIZE;
	unsigned char *p;
	int fd;

	reclaim_swap_none();
	EXPECT_EQ(meminfo_kb("SwapTotal:"), 0);	/* no swap: only write-back can free a page */
	umount2(MNT, 0);	/* left mounted if an earlier run was killed */
	ext2_mount(RECLAIM_EXT2_DEV, MNT, 0);
	fd = open(BIG, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT(fd >= 0, "open %s: %s", BIG, strerror(errno));
	ASSERT(ftruncate(fd, (off_t)len) == 0, "ftruncate %zu: %s", len, strerror(errno));
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT(p != MAP_FAILED, "mmap %zu bytes MAP_SHARED: %s", len, strerror(errno));
	fill(p, pages, 8);
	EXPECT_EQ(bad_pages(p, pages, 8), 0);
	EXPECT_EQ(munmap(p, len), 0);
	EXPECT_EQ(close(fd), 0);

	ext2_remount(RECLAIM_EXT2_DEV, MNT);
	fd = open(BIG, O_RDONLY);
	ASSERT(fd >= 0, "open %s after the remount: %s", BIG, strerror(errno));
	p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT(p != MAP_FAILED, "mmap %zu bytes after the remount: %s", len, strerror(errno));
	EXPECT_EQ(bad_pages(p, pages, 8), 0);
	EXPECT_EQ(munmap(p, len), 0);
	EXPECT_EQ(close(fd), 0);
	EXPECT(unlink(BIG) == 0, "unlink %s: %s", BIG, strerror(errno));
	ext2_umount(MNT);
	return test_done();
}
