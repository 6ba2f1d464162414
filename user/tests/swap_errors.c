/*
 * swap_errors - swapon(2)/swapoff(2) refuse what is not a swap area, as Linux does:
 *   a disk without the mkswap signature (/dev/vda, the patterned test disk) -> EINVAL
 *   a character device (/dev/null) and a regular file without a header -> EINVAL
 *   a directory -> EISDIR (Linux opens the path for writing first), a missing path -> ENOENT
 *   unknown flag bits -> EINVAL
 *   the swap disk twice -> EBUSY; swapoff of a disk that is not swap, and of the swap disk
 *   once it is off -> EINVAL
 * and accept the swap disk with a priority (SWAP_FLAG_PREFER).
 */
#include "swap_disk.h"

#define TMPFILE	"/swap_errors.tmp"

int main(void)
{
	char page[PAGE_SIZE];
	int fd;

	EXPECT_ERRNO(swapon("/dev/vda", 0), EINVAL);
	EXPECT_ERRNO(swapon("/dev/null", 0), EINVAL);
	EXPECT_ERRNO(swapon("/", 0), EISDIR);
	EXPECT_ERRNO(swapon("/no/such/swap", 0), ENOENT);
	EXPECT_ERRNO(swapon(SWAP_DEV, 0x100000), EINVAL);

	/* A regular file of zeros: no signature. */
	fd = open(TMPFILE, O_CREAT | O_TRUNC | O_RDWR, 0600);
	ASSERT(fd >= 0, "open %s: %s", TMPFILE, strerror(errno));
	memset(page, 0, sizeof(page));
	for (int i = 0; i < 16; i++)
		ASSERT(write(fd, page, sizeof(page)) == (ssize_t)sizeof(page), "write: %s", strerror(errno));
	close(fd);
	EXPECT_ERRNO(swapon(TMPFILE, 0), EINVAL);
	unlink(TMPFILE);

	EXPECT_ERRNO(swapoff(SWAP_DEV), EINVAL);	/* not on yet */

	EXPECT_EQ(swapon(SWAP_DEV, SWAP_FLAG_PREFER | 7), 0);
	EXPECT_ERRNO(swapon(SWAP_DEV, 0), EBUSY);
	EXPECT_ERRNO(swapoff("/dev/vda"), EINVAL);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	EXPECT_ERRNO(swapoff(SWAP_DEV), EINVAL);
	return test_done();
}
