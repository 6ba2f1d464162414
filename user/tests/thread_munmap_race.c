/*
 * thread_munmap_race - one thread unmaps a region while another keeps writing through it
 * (and dropping the pages with MADV_DONTNEED, so it keeps faulting them in again). The writer
 * gets SIGSEGV with si_addr inside the region and SEGV_MAPERR (caught in the writer itself:
 * it records the address and stops); the kernel stays healthy (the runner checks
 * /proc/mmcheck and the kernel log). Rounds with mprotect(PROT_READ) give SEGV_ACCERR;
 * rounds with mremap, which may move the region, give SEGV_MAPERR if it moved. Every round
 * maps a fresh region.
 */
#include "test.h"
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>

#define NPAGES		64
#define ROUNDS		12

static unsigned char *volatile area;
static atomic_int started, stop;
static sigjmp_buf jb;
static volatile unsigned long fault_addr;
static volatile int fault_code;
static pid_t writer_tid;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = (unsigned long)si->si_addr;
	fault_code = si->si_code;
	if ((pid_t)syscall(SYS_gettid) != writer_tid)
		_exit(90);		/* the fault must be the writer's */
	siglongjmp(jb, 1);
}

static void *writer(void *arg)
{
	(void)arg;
	writer_tid = (pid_t)syscall(SYS_gettid);
	if (sigsetjmp(jb, 1) == 0) {
		atomic_store(&started, 1);
		for (int pass = 0; !atomic_load(&stop); pass++) {
			for (unsigned long i = 0; i < NPAGES * PAGE_SIZE; i += 512)
				area[i] = (unsigned char)(i + pass);
			madvise(area, NPAGES * PAGE_SIZE, MADV_DONTNEED);
		}
	}
	return NULL;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	int faulted = 0;

	ASSERT(sigaction(SIGSEGV, &sa, NULL) == 0, "sigaction: %s", strerror(errno));
	for (int round = 0; round < ROUNDS; round++) {
		pthread_t th;
		unsigned long lo;

		area = mmap(NULL, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ASSERT(area != MAP_FAILED, "mmap: %s", strerror(errno));
		lo = (unsigned long)area;
		fault_addr = 0;
		atomic_store(&started, 0);
		atomic_store(&stop, 0);
		ASSERT(pthread_create(&th, NULL, writer, NULL) == 0, "pthread_create failed");
		while (!atomic_load(&started))
			sched_yield();
		usleep(20000);			/* the writer runs, faults, is preempted */
		if (round % 3 == 0) {
			EXPECT_EQ(munmap(area, NPAGES * PAGE_SIZE), 0);
		} else if (round % 3 == 1) {
			EXPECT_EQ(mprotect(area, NPAGES * PAGE_SIZE, PROT_READ), 0);
		} else {
			void *to = mremap(area, NPAGES * PAGE_SIZE, 2 * NPAGES * PAGE_SIZE, MREMAP_MAYMOVE);

			EXPECT(to != MAP_FAILED, "mremap: %s", strerror(errno));
			if (to != MAP_FAILED)
				lo = (unsigned long)to;	/* what is left to unmap */
		}
		/* The writer runs into the change (give it up to 2 s on a loaded machine). */
		for (int ms = 0; ms < 2000 && !fault_addr && (round % 3 != 2 || lo != (unsigned long)area); ms++)
			usleep(1000);
		usleep(20000);
		atomic_store(&stop, 1);
		ASSERT(pthread_join(th, NULL) == 0, "pthread_join failed");
		if (round % 3 != 2 || lo != (unsigned long)area)
			EXPECT(fault_addr, "round %d: the writer did not fault", round);
		if (fault_addr) {
			faulted++;
			EXPECT(fault_addr >= (unsigned long)area &&
			       fault_addr < (unsigned long)area + NPAGES * PAGE_SIZE,
			       "round %d: si_addr %#lx outside the region %p", round, fault_addr, area);
			EXPECT(fault_code == (round % 3 == 1 ? SEGV_ACCERR : SEGV_MAPERR),
			       "round %d: si_code %d", round, fault_code);
		}
		if (round % 3 == 1)
			EXPECT_EQ(munmap(area, NPAGES * PAGE_SIZE), 0);
		else if (round % 3 == 2)
			EXPECT_EQ(munmap((void *)lo, 2 * NPAGES * PAGE_SIZE), 0);
	}
	EXPECT(faulted >= 2 * ROUNDS / 3, "the writer faulted in %d of %d rounds", faulted, ROUNDS);
	signal(SIGSEGV, SIG_DFL);
	return test_done();
}
