/*
 * blk_write_race - two processes writing different bytes of the same 512-byte sector at once
 * do not undo each other's writes. Each byte write is a read-modify-write of the whole sector
 * inside the kernel; without serialization one process could read the sector, sleep for the
 * disk, and write it back over the other's newer byte. Each process writes its own byte 300
 * times with changing values and reads it back after every write: it must always find what
 * it wrote (Linux: the block device's page cache gives the same guarantee). The sector is
 * restored at the end.
 */
#include "blk_disk.h"

#define OFF	(5UL << 20)	/* the sector the test uses */
#define ROUNDS	300

/* hammer - write byte @which of the sector ROUNDS times; returns how many read-backs differed. */
static int hammer(int fd, int which)
{
	int lost = 0;

	for (int i = 0; i < ROUNDS; i++) {
		unsigned char v = (unsigned char)(i * 2 + which + 1), r = 0;

		if (pwrite(fd, &v, 1, (off_t)(OFF + 100 + which)) != 1)
			return 1000;
		if (pread(fd, &r, 1, (off_t)(OFF + 100 + which)) != 1)
			return 1000;
		lost += r != v;
	}
	return lost;
}

int main(void)
{
	int fd = blk_open(O_RDWR);
	unsigned char orig[512], now[512];
	int status = 0, lost;
	pid_t pid;

	ASSERT(pread(fd, orig, 512, OFF) == 512, "pread: %s", strerror(errno));
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(hammer(fd, 1) ? 1 : 0);
	lost = hammer(fd, 0);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT(lost == 0, "the parent's byte was undone %d times of %d", lost, ROUNDS);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's byte was undone (status %#x)", status);
	EXPECT_EQ(pread(fd, now, 512, OFF), 512);
	EXPECT(memcmp(now, orig, 100) == 0 && memcmp(now + 102, orig + 102, 410) == 0,
	       "bytes around the two written ones changed");
	EXPECT_EQ(pwrite(fd, orig, 512, OFF), 512);
	close(fd);
	return test_done();
}
