/*
 * ext2_timestamps - a file created on ext2 gets the current time (not 1970): its atime, mtime
 * and ctime are within a minute of time(), also after umount + mount (they are on the disk);
 * a later write moves mtime and ctime forward, and a rename moves the parent directory's mtime.
 */
#include "ext2_disk.h"
#include <time.h>

#define MNT	"/mnt/ext2_timestamps"
#define F	MNT "/stamped"

/* near_now - is @t within 60 s of @now? */
static int near_now(time_t t, time_t now)
{
	return t >= now - 60 && t <= now + 60;
}

int main(void)
{
	struct stat st, st2, dir;
	time_t now = time(NULL);
	int fd;

	umount2(MNT, 0);
	ext2_mount(EXT2_DEV_1K, MNT, 0);
	unlink(F);
	EXPECT(now > 1704067200, "time() says %ld, before 2024", (long)now);
	fd = open(F, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT(fd >= 0, "create: %s", strerror(errno));
	ASSERT(write(fd, "t", 1) == 1, "write: %s", strerror(errno));
	close(fd);
	ASSERT(stat(F, &st) == 0, "stat: %s", strerror(errno));
	EXPECT(near_now(st.st_mtime, now) && near_now(st.st_ctime, now) && near_now(st.st_atime, now),
	       "times %ld %ld %ld, now %ld", (long)st.st_atime, (long)st.st_mtime,
	       (long)st.st_ctime, (long)now);

	ext2_remount(EXT2_DEV_1K, MNT);
	ASSERT(stat(F, &st2) == 0, "stat: %s", strerror(errno));
	EXPECT(st2.st_mtime == st.st_mtime && st2.st_ctime == st.st_ctime,
	       "after remount mtime %ld ctime %ld, before %ld %ld", (long)st2.st_mtime,
	       (long)st2.st_ctime, (long)st.st_mtime, (long)st.st_ctime);

	/* ext2 keeps whole seconds: wait for the next one, then write and rename. */
	sleep(1);
	ASSERT(stat(MNT, &dir) == 0, "stat dir: %s", strerror(errno));
	fd = open(F, O_WRONLY | O_APPEND);
	ASSERT(fd >= 0 && write(fd, "u", 1) == 1, "append: %s", strerror(errno));
	close(fd);
	ASSERT(stat(F, &st2) == 0, "stat: %s", strerror(errno));
	EXPECT(st2.st_mtime > st.st_mtime && st2.st_ctime > st.st_ctime,
	       "a write did not move mtime/ctime: %ld %ld", (long)st2.st_mtime, (long)st2.st_ctime);
	EXPECT(rename(F, F ".2") == 0, "rename: %s", strerror(errno));
	ASSERT(stat(MNT, &st2) == 0, "stat dir: %s", strerror(errno));
	EXPECT(st2.st_mtime > dir.st_mtime, "a rename did not move the directory's mtime");
	EXPECT(unlink(F ".2") == 0, "unlink: %s", strerror(errno));
	ext2_umount(MNT);
	return test_done();
}
