/*
 * pipe_fifo - a named FIFO (mkfifo) opens as Linux's fifo_open: O_RDONLY | O_NONBLOCK opens at
 * once without a writer, O_WRONLY | O_NONBLOCK without a reader is ENXIO, O_RDWR never waits,
 * a blocking O_WRONLY waits until a reader opens (a forked child), and data written at one end
 * comes out of the other; the FIFO's data goes when the last open file closes.
 */
#include "test.h"
#include <sys/stat.h>

#define PATH "/tmp/pipe_fifo.fifo"

int main(void)
{
	int rd, wr, rw, status;
	char b[8] = { 0 };
	pid_t pid;

	mkdir("/tmp", 0777);
	unlink(PATH);
	ASSERT(mkfifo(PATH, 0600) == 0, "mkfifo: %s", strerror(errno));
	EXPECT_ERRNO(open(PATH, O_WRONLY | O_NONBLOCK), ENXIO);
	rd = open(PATH, O_RDONLY | O_NONBLOCK);
	EXPECT(rd >= 0, "open O_RDONLY|O_NONBLOCK: %s", strerror(errno));
	EXPECT_EQ(read(rd, b, 1), 0);		/* no writer yet: end of file (Linux) */
	wr = open(PATH, O_WRONLY | O_NONBLOCK);
	EXPECT(wr >= 0, "open O_WRONLY|O_NONBLOCK with a reader: %s", strerror(errno));
	EXPECT_EQ(write(wr, "hi", 2), 2);
	EXPECT_EQ(read(rd, b, sizeof(b)), 2);
	EXPECT(memcmp(b, "hi", 2) == 0, "read %.2s", b);
	EXPECT_EQ(fcntl(wr, F_GETPIPE_SZ), 65536);
	close(wr);
	EXPECT_EQ(read(rd, b, 1), 0);		/* no writer: end of file */
	close(rd);

	rw = open(PATH, O_RDWR);
	EXPECT(rw >= 0, "open O_RDWR: %s", strerror(errno));
	EXPECT_EQ(write(rw, "xyz", 3), 3);
	close(rw);				/* the last open: the data goes */

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		int fd;

		usleep(100000);
		fd = open(PATH, O_RDONLY);	/* lets the parent's writer open */
		if (fd < 0 || read(fd, b, sizeof(b)) != 3 || memcmp(b, "abc", 3) != 0)
			_exit(1);
		_exit(0);
	}
	wr = open(PATH, O_WRONLY);		/* waits for the child */
	EXPECT(wr >= 0, "blocking open O_WRONLY: %s", strerror(errno));
	EXPECT_EQ(write(wr, "abc", 3), 3);
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	close(wr);
	EXPECT_EQ(unlink(PATH), 0);
	return test_done();
}
