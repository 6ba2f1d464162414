/*
 * tty_termios - the console's termios through TCGETS/TCSETS/TCSETSW/TCSETSF, as Linux's
 * kernel structure: 36 bytes (four flag words, c_line, NCCS = 19 control characters), not
 * the C library's larger struct termios.
 *
 * /dev/console starts with Linux's defaults for a terminal (ICANON, ECHO, ISIG on; ^C, ^\,
 * DEL, ^U, ^D, ^Z as INTR, QUIT, ERASE, KILL, EOF, SUSP; VMIN 1). TCGETS writes exactly 36
 * bytes. A changed termios (ECHO and ICANON off, VMIN 0, VTIME 2, a new ERASE) reads back as
 * set through each of the three TCSETS forms, and the original is restored. TCGETS on
 * /dev/null is ENOTTY, to a bad address EFAULT; TCSETS from a bad address is EFAULT and
 * changes nothing. Linux behaves so.
 */
#include "test.h"
#include <sys/ioctl.h>
#include <termios.h>

#define KNCCS	19
struct kernel_termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line;
	unsigned char c_cc[KNCCS];
};

#define K_ICANON	0000002
#define K_ECHO		0000010
#define K_ISIG		0000001
#define K_ICRNL		0000400
#define K_OPOST		0000001
#define K_ONLCR		0000004

int main(void)
{
	unsigned char raw[64];
	struct kernel_termios orig, t, back;
	unsigned long sets[] = { TCSETS, TCSETSW, TCSETSF };
	int fd = open("/dev/console", O_RDWR | O_NOCTTY), nfd;

	ASSERT(sizeof(struct kernel_termios) == 36, "the kernel's termios is 36 bytes");
	ASSERT(fd >= 0, "open /dev/console: %s", strerror(errno));

	memset(raw, 0xa5, sizeof(raw));
	EXPECT_EQ(ioctl(fd, TCGETS, raw), 0);
	for (size_t i = 36; i < sizeof(raw); i++)
		if (raw[i] != 0xa5) {
			FAIL("TCGETS wrote byte %zu (beyond the 36-byte kernel termios)", i);
			break;
		}
	memcpy(&orig, raw, sizeof(orig));

	EXPECT(orig.c_lflag & K_ICANON, "ICANON is on by default (c_lflag %#o)", orig.c_lflag);
	EXPECT(orig.c_lflag & K_ECHO, "ECHO is on by default (c_lflag %#o)", orig.c_lflag);
	EXPECT(orig.c_lflag & K_ISIG, "ISIG is on by default (c_lflag %#o)", orig.c_lflag);
	EXPECT(orig.c_iflag & K_ICRNL, "ICRNL is on by default (c_iflag %#o)", orig.c_iflag);
	EXPECT((orig.c_oflag & (K_OPOST | K_ONLCR)) == (K_OPOST | K_ONLCR),
	       "OPOST|ONLCR are on by default (c_oflag %#o)", orig.c_oflag);
	EXPECT_EQ(orig.c_cc[VINTR], 003);
	EXPECT_EQ(orig.c_cc[VQUIT], 034);
	EXPECT_EQ(orig.c_cc[VERASE], 0177);
	EXPECT_EQ(orig.c_cc[VKILL], 025);
	EXPECT_EQ(orig.c_cc[VEOF], 004);
	EXPECT_EQ(orig.c_cc[VSUSP], 032);
	EXPECT_EQ(orig.c_cc[VMIN], 1);
	EXPECT_EQ(orig.c_cc[VTIME], 0);

	for (int i = 0; i < 3; i++) {
		t = orig;
		t.c_lflag &= ~(K_ECHO | K_ICANON);
		t.c_cc[VMIN] = 0;
		t.c_cc[VTIME] = (unsigned char)(2 + i);
		t.c_cc[VERASE] = '\b';
		EXPECT_EQ(ioctl(fd, sets[i], &t), 0);
		memset(&back, 0, sizeof(back));
		EXPECT_EQ(ioctl(fd, TCGETS, &back), 0);
		EXPECT(back.c_lflag == t.c_lflag && back.c_iflag == t.c_iflag &&
		       back.c_oflag == t.c_oflag, "set %d: flags read back as set (%#o %#o)", i,
		       back.c_lflag, t.c_lflag);
		EXPECT(memcmp(back.c_cc, t.c_cc, KNCCS) == 0, "set %d: c_cc reads back as set", i);
		EXPECT_EQ(ioctl(fd, TCSETS, &orig), 0);
	}

	/* A bad address changes nothing. */
	errno = 0;
	EXPECT_ERRNO(ioctl(fd, TCSETS, (void *)16), EFAULT);
	EXPECT_ERRNO(ioctl(fd, TCGETS, (void *)16), EFAULT);
	EXPECT_EQ(ioctl(fd, TCGETS, &back), 0);
	EXPECT(memcmp(&back, &orig, sizeof(orig)) == 0, "a failed TCSETS changed the termios");

	nfd = open("/dev/null", O_RDWR);
	ASSERT(nfd >= 0, "open /dev/null");
	EXPECT_ERRNO(ioctl(nfd, TCGETS, &t), ENOTTY);
	EXPECT_ERRNO(ioctl(nfd, TCSETS, &orig), ENOTTY);
	close(nfd);
	close(fd);
	return test_done();
}
