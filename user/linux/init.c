/*
 * user/linux/init.c - the /init of tools/run-elf-linux: runs one static program on Debian's
 * Linux kernel, booted in the same QEMU as Faultline, so the two kernels can be compared with
 * the same binary (and, under -icount, instruction for instruction).
 *
 * It mounts devtmpfs, proc and sysfs, opens /dev/console as fds 0-2, loads the kernel modules
 * listed in /modules.order (virtio-blk and ext4 come as modules in Debian's kernel), waits
 * briefly for the disks it was told to expect, then runs argv[1..] (the kernel passes what
 * follows "--" on its command line to init) and prints "run-elf-linux: exit N" (or
 * "signal N"), then powers the machine off. Built with musl-gcc -static by the script.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* load_modules - finit_module each path listed in /modules.order, in order. */
static void load_modules(void)
{
	char line[256];
	FILE *f = fopen("/modules.order", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		int fd;

		line[strcspn(line, "\n")] = '\0';
		if (!line[0])
			continue;
		fd = open(line, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || (syscall(SYS_finit_module, fd, "", 0) < 0 && errno != EEXIST))
			fprintf(stderr, "run-elf-linux: module %s: %s\n", line, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	fclose(f);
}

/* wait_for_disks - wait up to 5 s for /dev/vda.. to appear (as many as /disks.count says). */
static void wait_for_disks(void)
{
	FILE *f = fopen("/disks.count", "r");
	int n = 0;

	if (!f)
		return;
	if (fscanf(f, "%d", &n) != 1)
		n = 0;
	fclose(f);
	for (int i = 0; i < n; i++) {
		char path[32];
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		snprintf(path, sizeof(path), "/dev/vd%c", 'a' + i);
		for (int tries = 0; tries < 500 && access(path, F_OK) != 0; tries++)
			nanosleep(&ts, NULL);
		if (access(path, F_OK) != 0)
			fprintf(stderr, "run-elf-linux: %s did not appear\n", path);
	}
}

int main(int argc, char **argv)
{
	int status, fd;
	pid_t pid;

	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	mkdir("/tmp", 01777);
	mkdir("/mnt", 0755);
	load_modules();
	wait_for_disks();
	if (argc < 2) {
		fprintf(stderr, "run-elf-linux: no program to run\n");
		reboot(RB_POWER_OFF);
	}
	printf("run-elf-linux: start\n");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execv(argv[1], argv + 1);
		fprintf(stderr, "run-elf-linux: exec %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sync();
	if (WIFSIGNALED(status))
		printf("\nrun-elf-linux: signal %d\n", WTERMSIG(status));
	else
		printf("\nrun-elf-linux: exit %d\n", WEXITSTATUS(status));
	fflush(stdout);
	reboot(RB_POWER_OFF);
	return 0;
}
