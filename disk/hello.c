/*
 * hello.c - an example program for Faultline's disk: it writes a file on the mounted ext2
 * disk, maps it shared, changes it through the mapping, makes the change durable with msync,
 * and reads it back with read(). The page cache sits between all three: one copy of each page.
 *
 * Build on the host:  musl-gcc -static -o hello hello.c
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	const char *path = "/mnt/hello-out.txt";
	char buf[64] = { 0 };
	char *map;
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);

	if (fd < 0 || write(fd, "hello, page cache\n", 18) != 18) {
		perror(path);
		return 1;
	}
	map = mmap(NULL, 18, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	memcpy(map, "HELLO", 5);		/* a store: the page becomes dirty */
	msync(map, 18, MS_SYNC);		/* written back to the disk */
	munmap(map, 18);
	pread(fd, buf, sizeof(buf) - 1, 0);	/* read() sees the mapping's store */
	printf("%s", buf);
	close(fd);
	return 0;
}
