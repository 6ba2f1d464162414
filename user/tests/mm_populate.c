/*
 * mm_populate - madvise(MADV_POPULATE_READ / MADV_POPULATE_WRITE), Linux 5.14+: the range's
 * pages are faulted in at once (mincore shows them resident), each counted as a minor fault of
 * the caller; POPULATE_WRITE breaks copy-on-write so later writes take no fault; populating
 * what is there already takes none. Errors as Linux 6.1 documents them: EINVAL for a mapping
 * that does not allow the access (PROT_NONE; a write to PROT_READ) or an unaligned start,
 * ENOMEM for a range with a hole, EFAULT for file pages beyond the end of the file (SIGBUS).
 */
#include "test.h"
#include <sys/stat.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ	22
#define MADV_POPULATE_WRITE	23
#endif

#define NPAGES	64

static int resident(char *p, int n)
{
	unsigned char vec[NPAGES];
	int r = 0;

	if (mincore(p, (size_t)n * PAGE_SIZE, vec) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		r += vec[i] & 1;
	return r;
}

int main(void)
{
	char *p, *ro, *none, *f;
	long before, delta;
	int fd;

	p = mmap(NULL, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(resident(p, NPAGES), 0);
	before = minflt();
	EXPECT_EQ(madvise(p, NPAGES * PAGE_SIZE, MADV_POPULATE_READ), 0);
	delta = minflt() - before;
	EXPECT(delta >= NPAGES && delta < NPAGES + 8, "POPULATE_READ: %ld minor faults", delta);
	EXPECT_EQ(resident(p, NPAGES), NPAGES);
	EXPECT_EQ(p[5 * PAGE_SIZE], 0);

	before = minflt();
	EXPECT_EQ(madvise(p, NPAGES * PAGE_SIZE, MADV_POPULATE_WRITE), 0);
	delta = minflt() - before;
	EXPECT(delta >= NPAGES && delta < NPAGES + 8, "POPULATE_WRITE: %ld minor faults", delta);
	before = minflt();
	for (int i = 0; i < NPAGES; i++)
		p[i * PAGE_SIZE] = 1;
	EXPECT_EQ(madvise(p, NPAGES * PAGE_SIZE, MADV_POPULATE_WRITE), 0);
	delta = minflt() - before;
	EXPECT(delta < 8, "writes after POPULATE_WRITE: %ld minor faults", delta);

	/* Errors. */
	EXPECT_ERRNO(madvise(p + 1, PAGE_SIZE, MADV_POPULATE_READ), EINVAL);
	ro = mmap(NULL, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(ro != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_ERRNO(madvise(ro, 2 * PAGE_SIZE, MADV_POPULATE_WRITE), EINVAL);
	EXPECT_EQ(madvise(ro, 2 * PAGE_SIZE, MADV_POPULATE_READ), 0);
	EXPECT_EQ(resident(ro, 2), 2);
	none = mmap(NULL, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(none != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_ERRNO(madvise(none, PAGE_SIZE, MADV_POPULATE_READ), EINVAL);
	EXPECT_EQ(munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	EXPECT_ERRNO(madvise(p, 3 * PAGE_SIZE, MADV_POPULATE_READ), ENOMEM);

	fd = open("/tmp/mm_populate.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 && errno == ENOENT) {
		mkdir("/tmp", 0777);
		fd = open("/tmp/mm_populate.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
	}
	ASSERT(fd >= 0, "open: %s", strerror(errno));
	ASSERT(write(fd, p + 2 * PAGE_SIZE, PAGE_SIZE) == (long)PAGE_SIZE, "write: %s", strerror(errno));
	f = mmap(NULL, 2 * PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT(f != MAP_FAILED, "mmap file: %s", strerror(errno));
	EXPECT_EQ(madvise(f, PAGE_SIZE, MADV_POPULATE_READ), 0);
	EXPECT_ERRNO(madvise(f, 2 * PAGE_SIZE, MADV_POPULATE_READ), EFAULT);	/* beyond EOF */
	munmap(f, 2 * PAGE_SIZE);
	close(fd);
	unlink("/tmp/mm_populate.tmp");

	munmap(p, NPAGES * PAGE_SIZE);
	munmap(ro, 2 * PAGE_SIZE);
	munmap(none, PAGE_SIZE);
	return test_done();
}
