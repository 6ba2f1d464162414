/*
 * user/tests/oom.h - helpers shared by the OOM-killer tests (user/tests/oom_*.c).
 *
 * The OOM tests exhaust RAM on purpose. On Faultline that is 128 MiB under `make test` and
 * takes a second; on Linux it may be many GiB, swap, and a global OOM kill of whatever the
 * kernel picks, so the tests are Faultline-only: on any other kernel they print "SKIP:" with
 * the reason and pass (the runner reports "ok N name # SKIP ...").
 *
 *   faultline_only()        SKIP (exit 0) unless uname says Faultline
 *   mem_free_kb()           MemFree from /proc/meminfo, in kB; exits if it cannot be read
 *   map_noreserve(bytes)    a private anonymous MAP_NORESERVE mapping; exits on failure
 *   touch_pages(p, n, v)    write @v to the first byte of each of @n pages at @p
 *   spin_forever()          busy-loop in user mode: a victim that is running, not sleeping
 */
#ifndef FAULTLINE_USER_OOM_H
#define FAULTLINE_USER_OOM_H

#include "test.h"
#include <sys/utsname.h>

/* More than the RAM any Faultline test boot has: touching it all must end in an OOM kill. */
#define OOM_HUGE	(1UL << 30)

static inline void faultline_only(void)
{
	struct utsname u;

	ASSERT(uname(&u) == 0, "uname: %s", strerror(errno));
	if (strcmp(u.sysname, "Faultline") != 0 && !strstr(u.version, "Faultline")) {
		printf("SKIP: Faultline-only: exhausting RAM on %s is not bounded in time and the "
		       "global OOM killer may pick another process\n", u.sysname);
		exit(0);
	}
}

static inline long mem_free_kb(void)
{
	static char buf[4096];
	long kb = -1;
	ssize_t n;
	char *p;
	int fd = open("/proc/meminfo", O_RDONLY);

	ASSERT(fd >= 0, "open /proc/meminfo: %s", strerror(errno));
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	ASSERT(n > 0, "read /proc/meminfo: %s", strerror(errno));
	buf[n] = '\0';
	p = strstr(buf, "MemFree:");
	ASSERT(p && sscanf(p + 8, "%ld", &kb) == 1, "no MemFree in /proc/meminfo");
	return kb;
}

static inline unsigned char *map_noreserve(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	ASSERT(p != MAP_FAILED, "mmap %zu bytes MAP_NORESERVE: %s", bytes, strerror(errno));
	return p;
}

static inline void touch_pages(unsigned char *p, size_t npages, unsigned char v)
{
	for (size_t i = 0; i < npages; i++)
		poke(p + i * PAGE_SIZE, v);
}

static inline __attribute__((noreturn)) void spin_forever(void)
{
	for (;;)
		__asm__ __volatile__("pause" ::: "memory");
}

#endif /* FAULTLINE_USER_OOM_H */
