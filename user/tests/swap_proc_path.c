/*
 * swap_proc_path - /proc/swaps shows a swap device's whole path, however long, escaped as
 * Linux 6.1's swap_show does (seq_file_path with " \t\n\\": each of those characters becomes
 * a backslash and three octal digits, so the line still splits on white space), then at least
 * one space of padding and "partition". The device is the swap disk's number given a second
 * node at a 136-character path under /tmp whose directories hold a space and a backslash
 * (Faultline kept 63 characters of it).
 */
#include "swap_disk.h"
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define TOP	"/tmp/swap_proc_path"
#define DIR1	TOP "/a dir"
#define DIR2	DIR1 "/back\\slash_and_a_long_name_that_takes_the_path_well_past_sixty_three_chars"
#define NODE	DIR2 "/swap_disk_node_with_a_long_name_too"
/* NODE as /proc/swaps prints it. */
#define SHOWN	TOP "/a\\040dir/back\\134slash_and_a_long_name_that_takes_the_path_well_past_sixty_" \
		"three_chars/swap_disk_node_with_a_long_name_too"

static void cleanup(void)
{
	unlink(NODE);
	rmdir(DIR2);
	rmdir(DIR1);
	rmdir(TOP);
}

int main(void)
{
	static char buf[16384];
	char want[512];
	struct stat st;
	ssize_t n;
	int fd;

	ASSERT(stat(SWAP_DEV, &st) == 0 && S_ISBLK(st.st_mode), "stat %s: %s", SWAP_DEV, strerror(errno));
	cleanup();
	ASSERT(mkdir(TOP, 0755) == 0 && mkdir(DIR1, 0755) == 0 && mkdir(DIR2, 0755) == 0,
	       "mkdir: %s", strerror(errno));
	ASSERT(mknod(NODE, S_IFBLK | 0600, st.st_rdev) == 0, "mknod: %s", strerror(errno));
	ASSERT(strlen(NODE) > 130, "the path is %zu characters", strlen(NODE));

	ASSERT(swapon(NODE, SWAP_FLAG_PREFER | 5) == 0, "swapon(%s): %s", NODE, strerror(errno));
	fd = open("/proc/swaps", O_RDONLY);
	ASSERT(fd >= 0, "open /proc/swaps: %s", strerror(errno));
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	EXPECT_EQ(swapoff(NODE), 0);
	ASSERT(n > 0, "read /proc/swaps: %s", strerror(errno));
	buf[n] = '\0';

	/* Path, one space (it is longer than 40), partition, 65532 kB, 0 used, priority 5. */
	snprintf(want, sizeof(want), "\n%s partition\t65532\t\t", SHOWN);
	EXPECT(strstr(buf, want) != NULL, "/proc/swaps has no line starting \"%s\":\n%s", want + 1, buf);
	EXPECT(strstr(buf, "\t\t5\n") != NULL, "priority 5 not at the end of a line:\n%s", buf);
	cleanup();
	return test_done();
}
