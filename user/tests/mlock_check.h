/*
 * user/tests/mlock_check.h - what the mlock_* tests share.
 *
 *   vm_lck_kb()            VmLck of /proc/self/status in kB (-1 if missing)
 *   status_kb(pid, name)   a "Name:   N kB" line of /proc/PID/status (0: self), -1 if missing
 *   resident(p, n)         how many of the @n pages at @p mincore says are resident
 *   vma_count()            lines in /proc/self/maps (one per VMA)
 */
#ifndef FAULTLINE_USER_MLOCK_CHECK_H
#define FAULTLINE_USER_MLOCK_CHECK_H

#include "test.h"

#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT	1
#endif
#ifndef MCL_ONFAULT
#define MCL_ONFAULT	4
#endif

static inline long status_kb(pid_t pid, const char *name)
{
	char path[64];

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	return read_counter(path, name);
}

static inline long vm_lck_kb(void)
{
	return status_kb(0, "VmLck:");
}

static inline int resident(void *p, size_t n)
{
	static unsigned char vec[4096];
	int r = 0;

	if (n > sizeof(vec) || mincore(p, n * PAGE_SIZE, vec) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		r += vec[i] & 1;
	return r;
}

static inline int vma_count(void)
{
	static char buf[16384];
	int fd = open("/proc/self/maps", O_RDONLY), lines = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return lines;
}

#endif
