/*
 * vmstat_counts - /proc/vmstat in Linux's format: "name value" lines with the counters a
 * student reads (pgfault, pgmajfault, pgpgin, pgpgout, nr_dirty, ...), and pgfault moving as
 * the process's own fault count does: touching 64 fresh pages adds at least 64.
 * /proc/meminfo has Dirty: and Writeback: lines, as Linux's.
 */
#include "test.h"
#include <sys/mman.h>

#define PAGES	64

static int meminfo_has(const char *name)
{
	static char buf[8192];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return strstr(buf, name) != NULL;
}

int main(void)
{
	static const char *const names[] = {
		"nr_free_pages", "nr_anon_pages", "nr_mapped", "nr_file_pages", "nr_dirty",
		"nr_writeback", "nr_page_table_pages", "pgpgin", "pgpgout", "pswpin", "pswpout",
		"pgfault", "pgmajfault",
	};
	long before, after, own_before, own_after;
	unsigned char *p;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		EXPECT(vmstat(names[i]) >= 0, "/proc/vmstat has no line \"%s <number>\"", names[i]);
	EXPECT(meminfo_has("\nDirty:"), "/proc/meminfo has no Dirty: line");
	EXPECT(meminfo_has("\nWriteback:"), "/proc/meminfo has no Writeback: line");

	p = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	before = vmstat("pgfault");
	own_before = minflt();
	for (int i = 0; i < PAGES; i++)
		p[i * PAGE_SIZE] = 1;
	own_after = minflt();
	after = vmstat("pgfault");
	EXPECT_EQ(own_after - own_before, PAGES);
	EXPECT(after - before >= PAGES, "pgfault moved by %ld for %d faults", after - before, PAGES);
	EXPECT(vmstat("pgmajfault") <= vmstat("pgfault"), "more major faults than faults");
	munmap(p, PAGES * PAGE_SIZE);
	return test_done();
}
