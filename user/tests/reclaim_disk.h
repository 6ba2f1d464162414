/*
 * user/tests/reclaim_disk.h - what the reclaim_* tests share: their boot's disks, the RAM size
 * and anonymous memory larger than it.
 *
 * The reclaim_* tests put memory under pressure, so they run in a boot of their own (section 3
 * of tools/run-user-tests, and tools/run-user-tests-linux): 128 MiB of QEMU's with mem=64M on
 * Faultline's command line (mem=96M on Linux's: Debian's 6.1 does not boot in 64M; its MemTotal
 * is then about 48 MiB, Faultline's 61), the tests in /reclaim, and these disks, made fresh
 * every run:
 *   /dev/vda  build/disks/reclaim-swap.img        256 MiB swap disk (tools/mkswapdisk, sparse)
 *   /dev/vdb  build/disks/reclaim-swap-small.img   32 MiB swap disk: reclaim_swap_full fills it
 *   /dev/vdc  build/disks/reclaim-ext2.img        256 MiB empty ext2, 4 KiB blocks (mkext2img)
 * Each test turns swap on itself (reclaim_swap_on), so one that needs swap off (the file test)
 * or another disk (the swap-full test) can have it, and turns it off before it ends; swapoff
 * also runs at exit, so a failed check never leaves swap on for the next test or the second
 * pass. Children leave with _exit(). Sizes come from MemTotal, so the tests mean the same on
 * both kernels whatever the kernel keeps for itself.
 *
 *   reclaim_swap_none()     swapoff both swap disks (what a killed test may have left on)
 *   reclaim_swap_on(dev)    swapon(dev, 0), asserting it worked, no other swap on; swapoff
 *                           (dev) at exit
 *   reclaim_swap_off()      swapoff of that disk now, checked
 *   ram_pages()             MemTotal in pages
 *   others_swap_kb()        what the other processes hold on swap (their VmSwap)
 *   EXPECT_SWAPFREE_BACK(free0, others0)  this test's slots are all free again
 *   not_resident(p, pages)  how many pages of a range mincore finds not in memory
 * and from swap_disk.h and test.h: map_anon, fill, bad_pages, vmstat, meminfo_kb, majflt, swapped_pages,
 * EXPECT_SWAPFREE (its swap_on() is the swap_* tests' /dev/vdg: not used here).
 */
#ifndef FAULTLINE_USER_RECLAIM_DISK_H
#define FAULTLINE_USER_RECLAIM_DISK_H

#include "swap_disk.h"
#include <dirent.h>

#define RECLAIM_SWAP_DEV	"/dev/vda"
#define RECLAIM_SWAP_SMALL_DEV	"/dev/vdb"
#define RECLAIM_EXT2_DEV	"/dev/vdc"

static const char *reclaim_swap_dev;

static void reclaim_swap_off_at_exit(void)
{
	if (reclaim_swap_dev)
		swapoff(reclaim_swap_dev);
}

/*
 * reclaim_swap_none - swapoff both swap disks, ignoring errors: a test killed before its own
 * swapoff (by the OOM killer, say) leaves swap on, and the next test must not inherit it.
 */
static inline void reclaim_swap_none(void)
{
	swapoff(RECLAIM_SWAP_DEV);
	swapoff(RECLAIM_SWAP_SMALL_DEV);
}

/* reclaim_swap_on - swapon(@dev, 0), with no other swap on, or exit failing the test;
 * swapoff(@dev) runs at exit. */
static inline void reclaim_swap_on(const char *dev)
{
	reclaim_swap_none();
	ASSERT(swapon(dev, 0) == 0, "swapon(%s): %s", dev, strerror(errno));
	reclaim_swap_dev = dev;
	atexit(reclaim_swap_off_at_exit);
}

/* reclaim_swap_off - swapoff of the disk reclaim_swap_on enabled, now; a failure is counted. */
static inline void reclaim_swap_off(void)
{
	EXPECT(swapoff(reclaim_swap_dev) == 0, "swapoff(%s): %s", reclaim_swap_dev, strerror(errno));
	reclaim_swap_dev = NULL;
}

/* ram_pages - MemTotal of /proc/meminfo in pages; exits the test if it cannot be read. */
static inline size_t ram_pages(void)
{
	long kb = meminfo_kb("MemTotal:");

	ASSERT(kb > 0, "no MemTotal in /proc/meminfo");
	return (size_t)kb / (PAGE_SIZE / 1024);
}

/*
 * others_swap_kb - what the other processes hold on swap: the sum of VmSwap over
 * /proc/<pid>/status for every pid but ours (a process that goes away meanwhile counts 0).
 * Under pressure the runner's own pages may go out too, and stay out after a test.
 */
static inline long others_swap_kb(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	char path[64];
	long sum = 0, kb;

	ASSERT(d, "opendir /proc: %s", strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9' || atoi(e->d_name) == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%d/status", atoi(e->d_name));
		kb = read_counter(path, "VmSwap:");
		if (kb > 0)
			sum += kb;
	}
	closedir(d);
	return sum;
}

/*
 * EXPECT_SWAPFREE_BACK(free0, others0) - every slot this test took is free again: SwapFree
 * is @free0 (read at the start, when the other processes held @others0 kB on swap) less what
 * the other processes have put on swap since (others_swap_kb), with EXPECT_SWAPFREE's
 * allowance on Linux.
 */
#define EXPECT_SWAPFREE_BACK(free0, others0) \
	EXPECT_SWAPFREE((free0) - (others_swap_kb() - (others0)))

/*
 * not_resident - how many of the @pages pages at @p mincore reports not resident (at most
 * 65536 pages); -1, with the reason on stderr, if mincore fails. Never exits: a child may use
 * it.
 */
static inline long not_resident(const unsigned char *p, size_t pages)
{
	static unsigned char vec[1 << 16];
	long n = 0;

	if (pages > sizeof(vec)) {
		fprintf(stderr, "not_resident: %zu pages, at most %zu\n", pages, sizeof(vec));
		return -1;
	}
	if (mincore((void *)p, pages * PAGE_SIZE, vec) != 0) {
		fprintf(stderr, "mincore of %zu pages: %s\n", pages, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < pages; i++)
		n += !(vec[i] & 1);
	return n;
}

#endif /* FAULTLINE_USER_RECLAIM_DISK_H */
