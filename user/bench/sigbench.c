/*
 * sigbench - what delivering a signal to a handler costs, round trip.
 *
 * Prints one line per figure, "name ticks_per_op", like faultbench: a tick is one step of the
 * lfence-serialized time-stamp counter, and under QEMU with -icount shift=0 exactly one guest
 * instruction, so on Faultline the figures are instruction counts.
 *
 *   kill_handler_return   kill(getpid(), SIGUSR1) with an empty handler: the system call,
 *                         the frame on the user stack, the handler, rt_sigreturn
 *   segv_mprotect_retry   a write to a read-only page, caught by a SIGSEGV handler that
 *                         mprotects the page writable and returns: the fault, the signal,
 *                         the mprotect, rt_sigreturn and the retried write (the user-level
 *                         write barrier of garbage collectors and DSM systems)
 *
 * Run: QEMU_EXTRA='-icount shift=0' tools/run-elf build/user/sigbench
 * Linux 6.1 on the same QEMU: 3,676 and 11,433 instructions.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE		4096UL
#define KILLS		10000
#define SEGVS		10000

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static void die(const char *what)
{
	fprintf(stderr, "sigbench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static volatile unsigned long handled;
static char *page;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static void on_segv(int sig)
{
	(void)sig;
	handled++;
	mprotect(page, PAGE, PROT_READ | PROT_WRITE);
}

static void bench_kill(void)
{
	long pid = getpid();
	uint64_t t0, t1;

	signal(SIGUSR1, on_usr1);
	syscall(SYS_kill, pid, SIGUSR1);		/* warm up */
	handled = 0;
	t0 = rdtsc();
	for (int i = 0; i < KILLS; i++)
		syscall(SYS_kill, pid, SIGUSR1);
	t1 = rdtsc();
	if (handled != KILLS)
		fprintf(stderr, "sigbench: %lu handlers for %d kills\n", handled, KILLS);
	printf("kill_handler_return %lu\n", (unsigned long)((t1 - t0) / KILLS));
	signal(SIGUSR1, SIG_DFL);
}

/* segv_round - one round: make the page read-only (not timed), then the timed write. */
static uint64_t segv_round(void)
{
	uint64_t t0, t1;

	if (mprotect(page, PAGE, PROT_READ) != 0)
		die("mprotect");
	t0 = rdtsc();
	*(volatile char *)page = 1;
	t1 = rdtsc();
	return t1 - t0;
}

static void bench_segv(void)
{
	uint64_t sum = 0;

	page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		die("mmap");
	page[0] = 0;
	signal(SIGSEGV, on_segv);
	segv_round();
	handled = 0;
	for (int i = 0; i < SEGVS; i++)
		sum += segv_round();
	if (handled != SEGVS)
		fprintf(stderr, "sigbench: %lu handlers for %d faults\n", handled, SEGVS);
	printf("segv_mprotect_retry %lu\n", (unsigned long)(sum / SEGVS));
	signal(SIGSEGV, SIG_DFL);
	munmap(page, PAGE);
}

int main(void)
{
	bench_kill();
	bench_segv();
	return 0;
}
