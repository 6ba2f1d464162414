/*
 * mmcheck_live - the kernel's consistency checker agrees with itself while pages are shared.
 *
 * Faultline's /proc/mmcheck recounts every frame's references and map count from the page
 * tables of every live process and the page cache, and compares them with the counters the
 * fault path, fork and munmap keep (mm/debug_vm.c). The runner reads it once all tests are
 * over, when little is mapped; this test reads it in the middle of the interesting states:
 * three children share the parent's private pages copy-on-write (some already copied), a
 * shared anonymous mapping, a file mapped both privately and shared, and the zero page, while
 * they sleep. Linux has no such file: there the test checks nothing and says so.
 */
#include "test.h"
#include <fcntl.h>

#define NCHILD	3
#define NPAGES	16
#define FILE_PATH "/tmp/mmcheck_live.dat"

/* read_mmcheck - the first line of /proc/mmcheck into @line; 0, or -1 if there is none. */
static int read_mmcheck(char *buf, size_t size)
{
	int fd = open("/proc/mmcheck", O_RDONLY);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while (len < (ssize_t)size - 1 && (n = read(fd, buf + len, size - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return 0;
}

int main(void)
{
	static char report[8192];
	unsigned char *anon = map_anon(NPAGES), *shared, *fpriv, *fshared, *zero;
	int go[2], fd, i;
	pid_t pids[NCHILD];

	if (!on_faultline()) {
		printf("SKIP: /proc/mmcheck is Faultline's own consistency checker\n");
		return 0;
	}
	shared = mmap(NULL, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT(shared != MAP_FAILED, "mmap shared: %s", strerror(errno));
	fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT(fd >= 0, "open: %s", strerror(errno));
	ASSERT(ftruncate(fd, NPAGES * PAGE_SIZE) == 0 || pwrite(fd, "", 1, NPAGES * PAGE_SIZE - 1) == 1,
	       "size the file: %s", strerror(errno));
	fpriv = mmap(NULL, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	fshared = mmap(NULL, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	zero = map_anon(NPAGES);
	ASSERT(fpriv != MAP_FAILED && fshared != MAP_FAILED, "mmap file: %s", strerror(errno));
	for (i = 0; i < NPAGES; i++) {
		anon[i * PAGE_SIZE] = (unsigned char)i;
		shared[i * PAGE_SIZE] = (unsigned char)i;
		fshared[i * PAGE_SIZE] = (unsigned char)i;
		(void)peek(fpriv + i * PAGE_SIZE);
		(void)peek(zero + i * PAGE_SIZE);
	}
	fpriv[0] = 1;				/* one private copy of a file page */
	ASSERT(pipe(go) == 0, "pipe: %s", strerror(errno));
	for (int c = 0; c < NCHILD; c++) {
		pids[c] = fork();
		ASSERT(pids[c] >= 0, "fork: %s", strerror(errno));
		if (pids[c] == 0) {
			char b;

			close(go[1]);
			anon[c * PAGE_SIZE] = 0xc0;	/* a COW copy */
			fpriv[(c + 1) * PAGE_SIZE] = 0xc1;
			shared[c * PAGE_SIZE] = 0xc2;
			(void)read(go[0], &b, 1);	/* sleep until the parent has checked */
			_exit(0);
		}
	}
	close(go[0]);
	usleep(200 * 1000);			/* let every child make its copies */
	ASSERT(read_mmcheck(report, sizeof(report)) == 0, "/proc/mmcheck: %s", strerror(errno));
	EXPECT(strncmp(report, "mmcheck: ok", 11) == 0, "with %d children sharing pages:\n%s", NCHILD, report);
	close(go[1]);				/* the children exit */
	for (int c = 0; c < NCHILD; c++)
		EXPECT_EQ(wait_exit_status(pids[c]), 0);
	munmap(fpriv, NPAGES * PAGE_SIZE);
	munmap(fshared, NPAGES * PAGE_SIZE);
	close(fd);
	unlink(FILE_PATH);
	ASSERT(read_mmcheck(report, sizeof(report)) == 0, "/proc/mmcheck: %s", strerror(errno));
	EXPECT(strncmp(report, "mmcheck: ok", 11) == 0, "after the children exited:\n%s", report);
	return test_done();
}
