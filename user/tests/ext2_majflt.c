/*
 * ext2_majflt - faults that wait for the disk are major: after umount + mount (nothing of the
 * file is cached), reading a 300 KiB file through a mapping raises this process's ru_majflt
 * (getrusage) and the system's pgmajfault (/proc/vmstat), and touching it again raises
 * neither. Linux counts one major fault per read-ahead window, so the check is "> 0", not
 * one per page.
 */
#include "ext2_disk.h"

#define MNT	"/mnt/ext2_majflt"

static long majflt(void)
{
	struct rusage ru;

	ASSERT(getrusage(RUSAGE_SELF, &ru) == 0, "getrusage: %s", strerror(errno));
	return ru.ru_majflt;
}

int main(void)
{
	unsigned long sum = 0;
	long maj0, vm0, maj1, vm1;
	unsigned char *m;
	int fd;

	umount2(MNT, 0);
	ext2_mount(EXT2_DEV_4K, MNT, 0);
	ext2_remount(EXT2_DEV_4K, MNT);		/* whatever was cached is gone */
	fd = open(MNT "/big.bin", O_RDONLY);
	ASSERT(fd >= 0, "open: %s", strerror(errno));
	m = mmap(NULL, BIG_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT(m != MAP_FAILED, "mmap: %s", strerror(errno));
	maj0 = majflt();
	vm0 = vmstat("pgmajfault");
	for (unsigned long i = 0; i < BIG_SIZE; i += PAGE_SIZE)
		sum += peek(m + i);
	maj1 = majflt();
	vm1 = vmstat("pgmajfault");
	EXPECT(maj1 > maj0, "ru_majflt %ld -> %ld: no major fault", maj0, maj1);
	EXPECT(vm0 >= 0 && vm1 > vm0, "pgmajfault %ld -> %ld", vm0, vm1);
	EXPECT(m[4096 * 5] == big_byte(4096 * 5), "a byte read through the mapping");
	for (unsigned long i = 0; i < BIG_SIZE; i += PAGE_SIZE)
		sum += peek(m + i);
	EXPECT(majflt() == maj1, "touching cached pages again counted major faults");
	printf("major faults for %lu pages: %ld (pgmajfault +%ld; sum %lu)\n", BIG_SIZE / PAGE_SIZE,
	       maj1 - maj0, vm1 - vm0, sum);
	munmap(m, BIG_SIZE);
	close(fd);
	ext2_umount(MNT);
	return test_done();
}
