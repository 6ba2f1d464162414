/*
 * ext2_large_file - a file larger than the guest's RAM (160 MiB on a 128 MiB machine) written
 * with write() on the 256 MiB disk and read back, every 8-byte word checked: the page cache
 * must write dirty pages back and drop clean ones to make room; nothing is lost. After
 * unlink the blocks are free again (statfs).
 */
#include "ext2_disk.h"

#define MNT	"/mnt/ext2_large_file"
#define F	MNT "/large"
#define SIZE	(160UL << 20)
#define CHUNK	(256UL << 10)

/* fill - the file's words at @off: each holds its own offset, xor a constant. */
static void fill(uint64_t *w, unsigned long off)
{
	for (unsigned long i = 0; i < CHUNK / 8; i++)
		w[i] = (off + i * 8) ^ 0x5a5aa5a5deadbeefULL;
}

int main(void)
{
	static uint64_t buf[CHUNK / 8], want[CHUNK / 8];
	struct statfs sf0, sf1;
	unsigned long off, bad = 0;
	int fd;

	umount2(MNT, 0);
	ext2_mount(EXT2_DEV_BIG, MNT, 0);
	unlink(F);
	ASSERT(statfs(MNT, &sf0) == 0, "statfs: %s", strerror(errno));
	fd = open(F, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT(fd >= 0, "create: %s", strerror(errno));
	for (off = 0; off < SIZE; off += CHUNK) {
		fill(buf, off);
		ASSERT(write(fd, buf, CHUNK) == (ssize_t)CHUNK, "write at %lu: %s", off, strerror(errno));
	}
	ASSERT(lseek(fd, 0, SEEK_SET) == 0, "lseek: %s", strerror(errno));
	for (off = 0; off < SIZE; off += CHUNK) {
		ASSERT(read(fd, buf, CHUNK) == (ssize_t)CHUNK, "read at %lu: %s", off, strerror(errno));
		fill(want, off);
		if (memcmp(buf, want, CHUNK) != 0 && bad++ < 5)
			FAIL("the 256 KiB at %lu differ", off);
	}
	EXPECT(bad == 0, "%lu chunks differ", bad);
	close(fd);
	EXPECT(unlink(F) == 0, "unlink: %s", strerror(errno));
	ASSERT(statfs(MNT, &sf1) == 0, "statfs: %s", strerror(errno));
	EXPECT_EQ(sf1.f_bfree, sf0.f_bfree);
	ext2_umount(MNT);
	return test_done();
}
