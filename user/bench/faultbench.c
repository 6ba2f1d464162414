/*
 * faultbench - what a page fault, and a few operations around it, cost.
 *
 * Prints one line per figure, "name ticks_per_op", where a tick is one step of the time-stamp
 * counter read with an lfence-serialized rdtsc. Under QEMU with -icount shift=0 a tick is
 * exactly one guest instruction, so on Faultline the figures are instruction counts and do
 * not depend on the host.
 *
 *   demand_zero_fault     first write to a fresh anonymous page (do_anonymous_page)
 *   zero_page_read_fault  first read of a fresh anonymous page (maps the zero page)
 *   cow_fault             child's first write to a page it shares with its live parent
 *                         (do_wp_page, copy)
 *   cow_reuse_fault       parent's first write to such a page after the child has exited
 *                         (do_wp_page, reuse: the last user keeps the frame)
 *   getppid               one raw getppid system call: the bare kernel entry and exit
 *   fork_exit_wait        fork() + the child's _exit(0) + the parent's wait4()
 *   mmap_munmap           mmap() of one anonymous page + munmap() of it, never touched
 *
 * The fault figures are the cost of the loop over NPAGES fresh pages minus the cost of the
 * same loop once the pages are mapped, divided by NPAGES: the fault's own cost, without the
 * loop or the TLB misses that any access to NPAGES pages would pay. Each fault loop also
 * checks with getrusage() that it really took one minor fault per page, and says so on
 * stderr if not (e.g. transparent huge pages would take fewer).
 *
 * Seed concept: demand paging and copy on write, priced.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE		4096UL
#define NPAGES		1024		/* pages per fault measurement (4 MiB) */
#define SYSCALLS	100000		/* getppid calls */
#define FORKS		200		/* fork + exit + wait rounds */
#define MMAPS		10000		/* mmap + munmap rounds */

/* rdtsc - the time-stamp counter, with lfence on both sides so that no earlier instruction
 * is still running and no later one has started when it is read. */
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static void die(const char *what)
{
	fprintf(stderr, "faultbench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long minflt(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) < 0)
		die("getrusage");
	return ru.ru_minflt;
}

static unsigned char *map_pages(size_t n)
{
	void *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

/* write_pages / read_pages - touch one byte of each of @n pages; return the ticks taken. */
static uint64_t write_pages(unsigned char *p, size_t n)
{
	uint64_t t0 = rdtsc();

	for (size_t i = 0; i < n; i++)
		*(volatile unsigned char *)(p + i * PAGE) = 1;
	return rdtsc() - t0;
}

static uint64_t read_pages(unsigned char *p, size_t n)
{
	uint64_t t0 = rdtsc();

	for (size_t i = 0; i < n; i++)
		(void)*(volatile unsigned char *)(p + i * PAGE);
	return rdtsc() - t0;
}

/*
 * fault_cost - run @touch over NPAGES pages of @p twice: first when each access faults,
 * then when none does. Returns (first - second) / NPAGES. Warns if the first pass did not
 * take exactly NPAGES minor faults (@name says which figure).
 */
static uint64_t fault_cost(uint64_t (*touch)(unsigned char *, size_t), unsigned char *p,
			   const char *name)
{
	long f0 = minflt();
	uint64_t cold = touch(p, NPAGES);
	long faults = minflt() - f0;
	uint64_t warm = touch(p, NPAGES);

	if (faults != NPAGES)
		fprintf(stderr, "faultbench: %s: %ld faults for %d pages\n", name, faults, NPAGES);
	return cold > warm ? (cold - warm) / NPAGES : 0;
}

static void bench_demand_zero(void)
{
	unsigned char *p = map_pages(NPAGES);

	printf("demand_zero_fault %llu\n",
	       (unsigned long long)fault_cost(write_pages, p, "demand_zero_fault"));
	munmap(p, NPAGES * PAGE);
}

static void bench_zero_page_read(void)
{
	unsigned char *p = map_pages(NPAGES);

	printf("zero_page_read_fault %llu\n",
	       (unsigned long long)fault_cost(read_pages, p, "zero_page_read_fault"));
	munmap(p, NPAGES * PAGE);
}

/* bench_cow - the child measures its copying faults while the parent waits (and so still
 * maps every page); it hands the figure back through a shared page. Then the parent, now
 * the pages' only user, measures its reusing faults. */
static void bench_cow(void)
{
	unsigned char *p = map_pages(NPAGES);
	volatile uint64_t *result;
	pid_t pid;
	int status;

	result = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (result == MAP_FAILED)
		die("mmap shared");
	*result = 0;
	write_pages(p, NPAGES);		/* real private pages, to be shared by fork */

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		*result = fault_cost(write_pages, p, "cow_fault");
		_exit(0);
	}
	if (wait4(pid, &status, 0, NULL) != pid || !WIFEXITED(status))
		die("wait4");
	printf("cow_fault %llu\n", (unsigned long long)*result);
	printf("cow_reuse_fault %llu\n",
	       (unsigned long long)fault_cost(write_pages, p, "cow_reuse_fault"));
	munmap(p, NPAGES * PAGE);
	munmap((void *)result, PAGE);
}

/* raw_getppid - the getppid system call, straight through the syscall instruction. */
static inline long raw_getppid(void)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"((long)SYS_getppid) : "rcx", "r11", "memory");
	return ret;
}

static void bench_getppid(void)
{
	uint64_t t0;

	raw_getppid();
	t0 = rdtsc();
	for (int i = 0; i < SYSCALLS; i++)
		raw_getppid();
	printf("getppid %llu\n", (unsigned long long)((rdtsc() - t0) / SYSCALLS));
}

static void bench_fork(void)
{
	uint64_t t0;
	int status;

	fflush(stdout);
	t0 = rdtsc();
	for (int i = 0; i < FORKS; i++) {
		pid_t pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0)
			_exit(0);
		if (wait4(pid, &status, 0, NULL) != pid)
			die("wait4");
	}
	printf("fork_exit_wait %llu\n", (unsigned long long)((rdtsc() - t0) / FORKS));
}

static void bench_mmap(void)
{
	uint64_t t0;

	t0 = rdtsc();
	for (int i = 0; i < MMAPS; i++) {
		void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			die("mmap");
		if (munmap(p, PAGE) < 0)
			die("munmap");
	}
	printf("mmap_munmap %llu\n", (unsigned long long)((rdtsc() - t0) / MMAPS));
}

int main(void)
{
	/* stdout may be a pipe: line-buffer it so each figure appears as it is measured. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	bench_demand_zero();
	bench_zero_page_read();
	bench_cow();
	bench_getppid();
	bench_fork();
	bench_mmap();
	return 0;
}
