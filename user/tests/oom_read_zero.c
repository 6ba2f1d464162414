/*
 * oom_read_zero - a process that fills RAM through one read() from /dev/zero into a huge
 * MAP_NORESERVE mapping is killed by SIGKILL. It must not get a short read or -EFAULT and
 * live on with all of RAM (then the next process to fault, init in the reproduction,
 * would be the one killed).
 *
 * The faults here are taken inside the kernel (copy_to_user in read_zero): a fault that finds
 * no memory runs the OOM killer there too; when the reader is the victim the copy stops and
 * it dies on its way back to user mode. Faultline-only (see oom.h).
 */
#include "oom.h"

static void read_zero_into_huge(void *arg)
{
	unsigned char *p = map_noreserve(OOM_HUGE);
	int fd = open("/dev/zero", O_RDONLY);
	ssize_t n;

	(void)arg;
	if (fd < 0) {
		fprintf(stderr, "open /dev/zero: %s\n", strerror(errno));
		_exit(2);
	}
	n = read(fd, p, OOM_HUGE);
	/* Still alive. Give the memory back first (any new page now would fault with RAM
	 * full and take the OOM path in user mode), then report: exit 3 short, 4 an error. */
	munmap(p, OOM_HUGE);
	fprintf(stderr, "read of %lu bytes returned %zd (%s) and the reader lives\n", OOM_HUGE, n,
		n < 0 ? strerror(errno) : "short");
	_exit(n < 0 ? 4 : 3);
}

int main(void)
{
	long before, after;

	faultline_only();
	before = mem_free_kb();
	expect_signal_named(read_zero_into_huge, NULL, SIGKILL,
			    "read() of 1 GiB from /dev/zero into a MAP_NORESERVE mapping");
	after = mem_free_kb();
	EXPECT(after >= before - 256, "MemFree %ld kB before the child, %ld kB after", before, after);
	return test_done();
}
