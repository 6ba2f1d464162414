/*
 * tty_winsize - the console's window size (TIOCGWINSZ, TIOCSWINSZ).
 *
 * TIOCGWINSZ answers a size; on Faultline it is 80 columns by 24 rows until someone sets
 * another (a serial line cannot tell). A size set with TIOCSWINSZ reads back, and the old
 * one is put back. /dev/null answers ENOTTY; a bad address is EFAULT. Linux behaves so.
 */
#include "test.h"
#include <sys/ioctl.h>

int main(void)
{
	struct winsize orig, ws = { .ws_row = 50, .ws_col = 132 }, back;
	int fd = open("/dev/console", O_RDWR | O_NOCTTY), nfd;

	ASSERT(fd >= 0, "open /dev/console: %s", strerror(errno));
	ASSERT(ioctl(fd, TIOCGWINSZ, &orig) == 0, "TIOCGWINSZ: %s", strerror(errno));
	if (on_faultline()) {
		EXPECT_EQ(orig.ws_row, 24);
		EXPECT_EQ(orig.ws_col, 80);
	}
	EXPECT_EQ(ioctl(fd, TIOCSWINSZ, &ws), 0);
	memset(&back, 0, sizeof(back));
	EXPECT_EQ(ioctl(fd, TIOCGWINSZ, &back), 0);
	EXPECT(back.ws_row == 50 && back.ws_col == 132, "read back %ux%u, expected 132x50",
	       back.ws_col, back.ws_row);
	EXPECT_EQ(ioctl(fd, TIOCSWINSZ, &orig), 0);
	EXPECT_ERRNO(ioctl(fd, TIOCGWINSZ, (void *)16), EFAULT);
	EXPECT_ERRNO(ioctl(fd, TIOCSWINSZ, (void *)16), EFAULT);

	nfd = open("/dev/null", O_RDWR);
	ASSERT(nfd >= 0, "open /dev/null");
	EXPECT_ERRNO(ioctl(nfd, TIOCGWINSZ, &back), ENOTTY);
	close(nfd);
	close(fd);
	return test_done();
}
