/*
 * blk_read_cost - 256 sequential 4 KiB reads of the test disk, page-aligned, each checked
 * against the pattern; prints the average rdtsc ticks per read() as a "#" line. Under
 * QEMU_EXTRA='-icount shift=0' one tick is one guest instruction, so the figure is the cost
 * in instructions of a 4 KiB block-device read (the README's "Disks" section quotes it).
 */
#include "blk_disk.h"
#include <x86intrin.h>

#define READS	256

static unsigned char buf[4096] __attribute__((aligned(4096)));
static unsigned long long ticks[READS];

static int cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

int main(void)
{
	int fd = blk_open(O_RDONLY);
	unsigned long long t0, total = 0;
	int bad = 0;

	for (int i = 0; i < READS; i++) {
		ssize_t n;

		t0 = __rdtsc();
		n = pread(fd, buf, sizeof(buf), (off_t)i * 4096);
		ticks[i] = __rdtsc() - t0;
		total += ticks[i];
		if (n != (ssize_t)sizeof(buf) || blk_check_pattern(buf, (unsigned long)i * 4096, sizeof(buf)) >= 0)
			bad++;
	}
	EXPECT(bad == 0, "%d of %d reads were short or wrong", bad, READS);
	qsort(ticks, READS, sizeof(ticks[0]), cmp_ull);
	printf("# ticks per 4 KiB read over %d reads: average %llu, minimum %llu, median %llu\n",
	       READS, total / READS, ticks[0], ticks[READS / 2]);
	close(fd);
	return test_done();
}
