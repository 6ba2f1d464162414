/*
 * init - the first user program of `make run`: /init in build/initramfs.cpio.
 *
 * Prints a banner, mounts the first disk (/dev/vda, ext2: make run's build/disk.img) on /mnt,
 * then runs the shell, /bin/sh, if the initramfs has one, else the seed note's example,
 * /bin/pgfaults; waits for it, syncs and unmounts the disk, says how it ended, and exits with
 * its exit status (128 + N if signal N killed it). The kernel then logs "init exited with status N"
 * (and with `poweroff` on its command line stops QEMU).
 *
 * Like every init it also reaps orphans: a process whose parent exits first is re-parented to
 * init, and stays a zombie until init's wait4() collects it. So init waits for any child, not
 * only its own, until the one it started is back.
 *
 * Seed concept: every process but the first is made by fork() (a copy-on-write copy of the
 * parent's address space) and execve() (which throws that copy away and builds a new address
 * space from the program's ELF segments). This program is the first.
 *
 * A static musl program like the tests: it runs unchanged on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHELL		"/bin/sh"
#define FALLBACK	"/bin/pgfaults"

/* The environment every program started from init inherits. */
static char *init_envp[] = { "PATH=/bin", "HOME=/", "TERM=vt100", NULL };

/* is_executable - true if @path is a regular file with an execute bit set. */
static int is_executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111);
}

/*
 * spawn - fork, and execve @path in the child with argv { @path, NULL }. Returns the child's
 * pid, or -1 (reported on stderr) if fork failed. If execve fails, the child reports it and
 * exits 127.
 */
static pid_t spawn(const char *path)
{
	char *argv[] = { (char *)path, NULL };
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execve(path, argv, init_envp);
		fprintf(stderr, "init: execve %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	return pid;
}

/*
 * wait_for - wait4() for any child until @pid has ended, reaping the orphans that come back
 * on the way. Returns @pid's wait status, or -1 (reported on stderr) if wait4 failed.
 */
static int wait_for(pid_t pid)
{
	int status;
	pid_t w;

	for (;;) {
		w = wait4(-1, &status, 0, NULL);
		if (w == pid)
			return status;
		if (w < 0 && errno != EINTR) {
			fprintf(stderr, "init: wait4: %s\n", strerror(errno));
			return -1;
		}
	}
}

#define DISK		"/dev/vda"
#define DISK_MNT	"/mnt"

/*
 * mount_disk - mount the first disk (make run's build/disk.img, ext2) at /mnt if there is one,
 * so a student's files there survive a reboot. Returns 1 if mounted, 0 if not.
 */
static int mount_disk(void)
{
	struct stat st;

	if (stat(DISK, &st) != 0 || !S_ISBLK(st.st_mode))
		return 0;
	mkdir(DISK_MNT, 0755);
	if (mount(DISK, DISK_MNT, "ext2", 0, NULL) != 0) {
		printf("init: mount %s on %s: %s\n", DISK, DISK_MNT, strerror(errno));
		return 0;
	}
	printf("init: %s (ext2) mounted on %s\n", DISK, DISK_MNT);
	return 1;
}

/* umount_disk - write everything back and unmount /mnt (before init exits and QEMU stops). */
static void umount_disk(void)
{
	sync();
	if (umount(DISK_MNT) != 0)
		printf("init: umount %s: %s (synced anyway)\n", DISK_MNT, strerror(errno));
}

int main(void)
{
	int have_shell = is_executable(SHELL), status, mounted;
	const char *prog = have_shell ? SHELL : FALLBACK;
	pid_t pid;

	printf("\nFaultline init (pid %d): starting %s\n", (int)getpid(), prog);
	if (have_shell)
		printf("Type \"help\" for the programs in /bin, \"exit\" to leave.\n");

	mounted = mount_disk();
	pid = spawn(prog);
	if (pid < 0)
		return 1;
	status = wait_for(pid);
	if (mounted)
		umount_disk();
	if (status == -1)
		return 1;

	if (WIFSIGNALED(status)) {
		printf("init: %s killed by signal %d (%s)\n", prog, WTERMSIG(status),
		       strsignal(WTERMSIG(status)));
		fflush(stdout);
		return 128 + WTERMSIG(status);
	}
	printf("init: %s exited with status %d\n", prog, WEXITSTATUS(status));
	fflush(stdout);
	return WEXITSTATUS(status);
}
