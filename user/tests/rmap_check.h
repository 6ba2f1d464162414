/*
 * user/tests/rmap_check.h - for the rmap_* and swap_pageout_rmap tests: read Faultline's
 * consistency checker while a family of processes is alive, since what it checks of the
 * reverse map (every PTE reachable through its page's anon_vma or i_mmap, at the address
 * page->index gives) is gone once they exit.
 *
 *   expect_mmcheck_ok(what)  on Faultline, /proc/mmcheck's first line must say "ok"; on Linux
 *                            (no such file) it says so and checks nothing
 */
#ifndef FAULTLINE_USER_RMAP_CHECK_H
#define FAULTLINE_USER_RMAP_CHECK_H

#include "test.h"
#include <fcntl.h>

static inline void expect_mmcheck_ok(const char *what)
{
	static char report[8192];
	ssize_t n, len = 0;
	int fd;

	if (!on_faultline()) {
		printf("# %s: /proc/mmcheck is Faultline's own checker, not read on Linux\n", what);
		return;
	}
	fd = open("/proc/mmcheck", O_RDONLY);
	ASSERT(fd >= 0, "/proc/mmcheck: %s", strerror(errno));
	while (len < (ssize_t)sizeof(report) - 1 &&
	       (n = read(fd, report + len, sizeof(report) - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	report[len] = '\0';
	EXPECT(strncmp(report, "mmcheck: ok", 11) == 0, "%s:\n%s", what, report);
}

#endif
