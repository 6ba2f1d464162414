/*
 * sig_segv_accerr - a write to a read-only page is SIGSEGV with si_code SEGV_ACCERR and the
 * exact address; a handler that mprotects the page writable and returns lets the write, run
 * again, succeed (the classic user-level write barrier of garbage collectors and DSM systems).
 * A second write to the now-writable page takes no signal. Linux behaves so.
 */
#include "test.h"

static char *page;
static volatile int calls;
static volatile long seen_code;
static void *volatile seen_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	calls++;
	seen_code = si->si_code;
	seen_addr = si->si_addr;
	if (mprotect(page, PAGE_SIZE, PROT_READ | PROT_WRITE) != 0)
		_exit(3);
}

int main(void)
{
	struct sigaction sa = { 0 };

	page = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(page != MAP_FAILED, "mmap: %s", strerror(errno));
	page[0] = 1;				/* present, then read-only */
	ASSERT(mprotect(page, PAGE_SIZE, PROT_READ) == 0, "mprotect: %s", strerror(errno));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	ASSERT(sigaction(SIGSEGV, &sa, NULL) == 0, "sigaction: %s", strerror(errno));

	((volatile char *)page)[777] = 5;
	EXPECT_EQ(calls, 1);
	EXPECT_EQ(seen_code, SEGV_ACCERR);
	EXPECT(seen_addr == page + 777, "si_addr %p, expected %p", seen_addr, (void *)(page + 777));
	EXPECT_EQ(page[777], 5);
	((volatile char *)page)[778] = 6;
	EXPECT_EQ(calls, 1);

	/* A page never touched, PROT_NONE: also SEGV_ACCERR (the VMA exists). */
	ASSERT(mprotect(page, PAGE_SIZE, PROT_NONE) == 0, "mprotect: %s", strerror(errno));
	((volatile char *)page)[9] = 1;
	EXPECT_EQ(calls, 2);
	EXPECT_EQ(seen_code, SEGV_ACCERR);
	EXPECT(seen_addr == page + 9, "si_addr %p, expected %p", seen_addr, (void *)(page + 9));

	sa.sa_handler = SIG_DFL;
	sa.sa_flags = 0;
	sigaction(SIGSEGV, &sa, NULL);
	munmap(page, PAGE_SIZE);
	return test_done();
}
