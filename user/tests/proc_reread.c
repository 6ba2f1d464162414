/*
 * proc_reread - a /proc file read again from offset 0 shows the values of now, not those of
 * its open: /proc/self/status read with pread at 0 before and after touching 1 MiB shows VmRSS
 * grown by at least half of that (Linux's seq_file starts over at offset 0; top and free keep their files open
 * and rewind them).
 */
#include "test.h"

#define TOUCH	(1UL << 20)

/* rss_kb - VmRSS from the text at offset 0 of @fd. */
static long rss_kb(int fd)
{
	static char buf[4096];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	char *p;

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "VmRSS:");
	return p ? strtol(p + 6, NULL, 10) : -1;
}

int main(void)
{
	int fd = open("/proc/self/status", O_RDONLY);
	long before, after;
	char *p;

	ASSERT(fd >= 0, "open /proc/self/status: %s", strerror(errno));
	before = rss_kb(fd);
	ASSERT(before > 0, "no VmRSS in /proc/self/status");
	p = mmap(NULL, TOUCH, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(p, 1, TOUCH);
	after = rss_kb(fd);
	/* At least half: Linux counts RSS per task in batches it folds in every 64 faults. */
	EXPECT(after - before >= (long)(TOUCH / 2048),
	       "VmRSS read again at offset 0: %ld kB, then %ld kB after touching 1024 kB", before, after);
	EXPECT_EQ(munmap(p, TOUCH), 0);
	EXPECT_EQ(close(fd), 0);
	return test_done();
}
