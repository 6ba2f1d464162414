/*
 * proc_fd - /proc/self/fd lists exactly the open descriptors: 0, 1, 2, the ones this test
 * opens (a file, a pipe's two ends, a dup at 40) and the directory's own; a closed one is
 * gone from the next listing; lookup of a closed or bogus name fails with ENOENT.
 */
#include "test.h"
#include <dirent.h>
#include <sys/stat.h>

/* list_fds - set seen[fd] for every entry of /proc/self/fd; returns the directory's fd. */
static int list_fds(char *seen, int max)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int dfd;

	ASSERT(d, "opendir /proc/self/fd: %s", strerror(errno));
	dfd = dirfd(d);
	memset(seen, 0, (size_t)max);
	while ((e = readdir(d)) != NULL) {
		int fd;

		if (e->d_name[0] == '.')
			continue;
		fd = atoi(e->d_name);
		EXPECT(fd >= 0 && fd < max, "entry '%s'", e->d_name);
		if (fd >= 0 && fd < max)
			seen[fd] = 1;
		EXPECT(e->d_type == DT_LNK, "entry %s has type %d, expected DT_LNK", e->d_name,
		       e->d_type);
	}
	closedir(d);
	return dfd;
}

int main(void)
{
	char seen[256];
	struct stat st;
	int f, p[2], dfd;

	f = open("/dev/null", O_RDONLY);
	ASSERT(f >= 0 && pipe(p) == 0, "open/pipe");
	ASSERT(dup2(f, 40) == 40, "dup2");
	dfd = list_fds(seen, 256);
	for (int fd = 0; fd < 256; fd++) {
		int open_now = fcntl(fd, F_GETFD) != -1 || fd == dfd;

		EXPECT(seen[fd] == open_now, "fd %d: listed %d, open %d", fd, seen[fd], open_now);
	}
	EXPECT(seen[f] && seen[p[0]] && seen[p[1]] && seen[40], "opened fds not all listed");

	close(40);
	list_fds(seen, 256);
	EXPECT(!seen[40], "closed fd 40 still listed");
	EXPECT_ERRNO(lstat("/proc/self/fd/40", &st), ENOENT);
	EXPECT_ERRNO(lstat("/proc/self/fd/x1", &st), ENOENT);
	EXPECT(lstat("/proc/self/fd/0", &st) == 0, "lstat fd/0: %s", strerror(errno));
	close(f);
	close(p[0]);
	close(p[1]);
	return test_done();
}
