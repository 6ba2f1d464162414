/*
 * sig_segv_map - a SIGSEGV handler can repair the fault and return: user-level paging.
 *
 * A page is mapped and unmapped again (so nothing is there), then read. The SA_SIGINFO
 * handler must see si_signo SIGSEGV, si_code SEGV_MAPERR and si_addr equal to the exact byte
 * touched (not the page); it maps the page with mmap(MAP_FIXED) and returns, and the access,
 * executed again, now succeeds and reads the value the handler stored. Linux behaves so.
 */
#include "test.h"

static char *page;
static volatile int calls;
static volatile long seen_code, seen_signo;
static void *volatile seen_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	calls++;
	seen_signo = sig;
	seen_code = si->si_code;
	seen_addr = si->si_addr;
	if (mmap(page, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0) == MAP_FAILED)
		_exit(3);
	page[123] = 42;
}

int main(void)
{
	struct sigaction sa = { 0 };

	page = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(page != MAP_FAILED, "mmap: %s", strerror(errno));
	ASSERT(munmap(page, PAGE_SIZE) == 0, "munmap: %s", strerror(errno));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	ASSERT(sigaction(SIGSEGV, &sa, NULL) == 0, "sigaction: %s", strerror(errno));

	int v = *(volatile char *)(page + 123);

	EXPECT_EQ(v, 42);
	EXPECT_EQ(calls, 1);
	EXPECT_EQ(seen_signo, SIGSEGV);
	EXPECT_EQ(seen_code, SEGV_MAPERR);
	EXPECT(seen_addr == page + 123, "si_addr %p, expected %p", seen_addr, (void *)(page + 123));
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = 0;
	sigaction(SIGSEGV, &sa, NULL);
	munmap(page, PAGE_SIZE);
	return test_done();
}
