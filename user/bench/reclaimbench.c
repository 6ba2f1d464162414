/*
 * reclaimbench - what evicting pages costs, and how a replacement policy chooses them
 * (issue 8's figures). Usage: reclaimbench SWAPDEV [fill|shmem|hot|all]
 *
 *   fill   anonymous memory of twice MemTotal written page by page (pages go out to swap as
 *          the fill goes on), then read back in order (pages come in, others go out); every
 *          page is checked. Ticks per page of each phase.
 *   shmem  the same with shared anonymous memory (MAP_SHARED | MAP_ANONYMOUS): its pages go to
 *          swap through their shmem object (mm/shmem.c) instead of the PTEs.
 *   hot    a hot set of a quarter of MemTotal, touched again after each slice of a sweep
 *          through a cold buffer of MemTotal (each cold page touched once): a policy that keeps
 *          what is used over and over (LRU, clock) takes few major faults on the hot set, FIFO
 *          takes many. Major faults of the hot set, ticks per page touched.
 *
 * For each phase it prints the deltas of /proc/vmstat's reclaim counters and getrusage's major
 * faults, and the share of the phase the CPU spent idle (/proc/stat's idle + iowait: waiting for
 * the disk, whose host time QEMU's icount counts as guest ticks). It turns swap on with swapon(SWAPDEV) itself and off at the end. rdtsc ticks: under
 * QEMU with -icount shift=0 a tick is one guest instruction, so the same binary compares
 * Faultline (boot with vm.policy=lru|clock|fifo) and Linux (tools/run-elf-linux).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/swap.h>
#include <unistd.h>

#define PAGE		4096UL
#define HOT_ROUNDS	32		/* slices of the cold sweep, each followed by a hot pass */

static const char *const counters[] = {
	"pswpin", "pswpout", "pgmajfault", "pgscan_kswapd", "pgscan_direct", "pgsteal_kswapd",
	"pgsteal_direct", "pgactivate", "pgdeactivate", "swap_ra", "swap_ra_hit",
};
#define NR_COUNTERS	(sizeof(counters) / sizeof(counters[0]))

/* rdtsc - the time-stamp counter, fenced on both sides. */
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* die - report @what with errno and exit 1. */
static void die(const char *what)
{
	fprintf(stderr, "reclaimbench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* read_vmstat - the values of counters[] now (a missing one reads 0). */
static void read_vmstat(unsigned long *v)
{
	FILE *f = fopen("/proc/vmstat", "r");
	char name[64];
	unsigned long value;

	memset(v, 0, NR_COUNTERS * sizeof(*v));
	if (!f)
		die("/proc/vmstat");
	while (fscanf(f, "%63s %lu", name, &value) == 2)
		for (size_t i = 0; i < NR_COUNTERS; i++)
			if (!strcmp(name, counters[i]))
				v[i] = value;
	fclose(f);
}

/* cpu_times - /proc/stat's first line: @idle gets idle + iowait, returns the total of
 * all its fields (USER_HZ ticks). */
static unsigned long long cpu_times(unsigned long long *idle)
{
	unsigned long long f[8] = { 0 }, total = 0;
	FILE *f_stat = fopen("/proc/stat", "r");

	if (!f_stat)
		die("/proc/stat");
	if (fscanf(f_stat, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &f[0], &f[1], &f[2], &f[3],
		   &f[4], &f[5], &f[6], &f[7]) < 4)
		die("/proc/stat");
	fclose(f_stat);
	for (int i = 0; i < 8; i++)
		total += f[i];
	*idle = f[3] + f[4];
	return total;
}

/* mem_total_kb - MemTotal from /proc/meminfo. */
static unsigned long mem_total_kb(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	unsigned long kb = 0;
	char line[128];

	if (!f)
		die("/proc/meminfo");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemTotal: %lu", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static long majflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_majflt;
}

/* struct snapshot - the counters at the start of a phase. */
struct snapshot {
	unsigned long vmstat[NR_COUNTERS];
	unsigned long long cpu_total, cpu_idle;
	long majflt;
	uint64_t tsc;
};

/* snapshot_take - read every counter into @s, the time-stamp counter last. */
static void snapshot_take(struct snapshot *s)
{
	read_vmstat(s->vmstat);
	s->cpu_total = cpu_times(&s->cpu_idle);
	s->majflt = majflt();
	s->tsc = rdtsc();
}

/* report - one phase's line, since @before: ticks per page, the share of them idle, major
 * faults and the vmstat counters' deltas. */
static void report(const char *phase, unsigned long pages, const struct snapshot *before)
{
	uint64_t end = rdtsc();
	struct snapshot after;
	unsigned long long total;

	snapshot_take(&after);
	total = after.cpu_total - before->cpu_total;
	printf("%-10s %9lu ticks/page  idle %3llu%%  %8lu pages  majflt %7ld", phase,
	       (unsigned long)((end - before->tsc) / pages),
	       total ? 100 * (after.cpu_idle - before->cpu_idle) / total : 0, pages,
	       after.majflt - before->majflt);
	for (size_t i = 0; i < NR_COUNTERS; i++)
		printf("  %s %lu", counters[i], after.vmstat[i] - before->vmstat[i]);
	printf("\n");
}

static void *map_anon(size_t size, int share)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, share | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

/* fill_and_read - the "fill" phase, or with @share MAP_SHARED the "shmem" one (see the header).
 * Returns the pages that read back wrong. */
static unsigned long fill_and_read(unsigned long pages, int share)
{
	unsigned char *buf = map_anon(pages * PAGE, share);
	const int shmem = share == MAP_SHARED;
	struct snapshot s;
	unsigned long bad = 0;

	snapshot_take(&s);
	for (unsigned long i = 0; i < pages; i++)
		for (unsigned long k = 0; k < PAGE / 8; k += 64)
			((uint64_t *)(buf + i * PAGE))[k] = i * 4096 + k;
	report(shmem ? "shmem fill" : "fill", pages, &s);

	snapshot_take(&s);
	for (unsigned long i = 0; i < pages; i++)
		for (unsigned long k = 0; k < PAGE / 8; k += 64)
			if (((uint64_t *)(buf + i * PAGE))[k] != i * 4096 + k) {
				bad++;
				break;
			}
	report(shmem ? "shmem read-back" : "read-back", pages, &s);
	munmap(buf, pages * PAGE);
	return bad;
}

/* hot_and_cold - the "hot" phase (see the header). */
static void hot_and_cold(unsigned long ram_pages)
{
	unsigned long hot_pages = ram_pages / 4, cold_pages = 2 * ram_pages, slice = cold_pages / HOT_ROUNDS;
	unsigned char *hot = map_anon(hot_pages * PAGE, MAP_PRIVATE);
	unsigned char *cold = map_anon(cold_pages * PAGE, MAP_PRIVATE);
	unsigned long touched = 0;
	struct snapshot s;
	long hot_maj = 0;

	for (unsigned long i = 0; i < hot_pages; i++)
		hot[i * PAGE] = 1;
	snapshot_take(&s);
	for (unsigned int r = 0; r < HOT_ROUNDS; r++) {
		long before;

		for (unsigned long i = r * slice; i < (r + 1) * slice; i++)
			cold[i * PAGE] = (unsigned char)i;
		before = majflt();
		for (unsigned long i = 0; i < hot_pages; i++)
			hot[i * PAGE]++;
		hot_maj += majflt() - before;
		touched += slice + hot_pages;
	}
	report("hot+cold", touched, &s);
	printf("hot set: %lu pages, %d passes, %ld major faults on it\n", hot_pages, HOT_ROUNDS, hot_maj);
	munmap(hot, hot_pages * PAGE);
	munmap(cold, cold_pages * PAGE);
}

int main(int argc, char **argv)
{
	const char *what = argc > 2 ? argv[2] : "all";
	unsigned long ram_pages, bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: reclaimbench SWAPDEV [fill|shmem|hot|all]\n");
		return 2;
	}
	if (swapon(argv[1], 0))
		die("swapon");
	ram_pages = mem_total_kb() / 4;
	printf("MemTotal %lu pages; swap on %s\n", ram_pages, argv[1]);
	if (!strcmp(what, "fill") || !strcmp(what, "all"))
		bad = fill_and_read(2 * ram_pages, MAP_PRIVATE);
	if (!strcmp(what, "shmem") || !strcmp(what, "all"))
		bad += fill_and_read(2 * ram_pages, MAP_SHARED);
	if (!strcmp(what, "hot") || !strcmp(what, "all"))
		hot_and_cold(ram_pages);
	if (swapoff(argv[1]))
		die("swapoff");
	if (bad)
		printf("FAIL: %lu pages read back wrong\n", bad);
	return bad ? 1 : 0;
}
