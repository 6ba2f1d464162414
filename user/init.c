/*
 * init - the first user program of `make run` and of `tools/run-elf --sh`: /init.
 *
 *   init                  prints a banner and starts Debian's busybox shell, /bin/sh, as an
 *                         interactive login on the console: in a session of its own
 *                         (setsid) with the console as its controlling terminal (TIOCSCTTY),
 *                         so that its jobs get ^C and it can move them to the foreground.
 *                         Without /bin/sh it runs the seed note's example, /bin/pgfaults.
 *   init --command FILE   runs /bin/sh -c "<the text of FILE>" quietly, as tools/run-elf --sh
 *                         does with its command line (the kernel command line cannot carry
 *                         spaces or quotes, a file in the initramfs can).
 *
 * Either way it first mounts the first disk, if there is one (/dev/vda, ext2: make run's
 * build/disk.img, or run-elf's first --disk), on /mnt; an interactive init also enables the
 * second disk as swap if it is one (/dev/vdb: make run's build/swap.img, made by mkswap), and
 * turns it off at the end. It waits for the shell, syncs and
 * unmounts the disk, says how an interactive shell ended, and exits with the shell's exit
 * status (128 + N if signal N killed it). The kernel then logs "init exited with status
 * N" (and with `poweroff` on its command line stops QEMU).
 *
 * Like every init it also reaps orphans: a process whose parent exits first is re-parented to
 * init, and stays a zombie until init's wait4() collects it. So init waits for any child, not
 * only its own, until the one it started is back.
 *
 * The shell's environment: PATH=/bin, HOME=/, PWD=/, TERM=vt100 and a prompt showing the
 * directory.
 *
 * Seed concept: every process but the first is made by fork() (a copy-on-write copy of the
 * parent's address space) and execve() (which throws that copy away and builds a new address
 * space from the program's ELF segments). This program is the first.
 *
 * A static musl program like the tests: it runs unchanged on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHELL		"/bin/sh"
#define FALLBACK	"/bin/pgfaults"
#define COMMAND_MAX	65536
#define DISK		"/dev/vda"
#define DISK_MNT	"/mnt"
#define SWAP_DISK	"/dev/vdb"	/* make run's build/swap.img */

/* The environment every program started from init inherits. */
static char *init_envp[] = { "PATH=/bin", "HOME=/", "PWD=/", "TERM=vt100", "PS1=\\w # ", NULL };

/* is_executable - true if @path is a regular file with an execute bit set. */
static int is_executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111);
}

/*
 * spawn - fork, and execve @argv[0] with @argv in the child; with @login the child first
 * becomes a session leader with the console (fd 0) as its controlling terminal. Returns the
 * child's pid, or -1 (reported on stderr) if fork failed. If execve fails, the child reports
 * it and exits 127.
 */
static pid_t spawn(char *const argv[], int login)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (login && (setsid() < 0 || ioctl(0, TIOCSCTTY, 0) < 0))
			fprintf(stderr, "init: no controlling terminal for %s: %s\n", argv[0],
				strerror(errno));
		execve(argv[0], argv, init_envp);
		fprintf(stderr, "init: execve %s: %s\n", argv[0], strerror(errno));
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

/* exit_code - the shell convention for a wait status: N, or 128 + the signal. */
static int exit_code(int status)
{
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/*
 * read_command - the text of @path (at most COMMAND_MAX - 1 bytes) in a malloc'ed string.
 * Returns NULL (reported on stderr) if it cannot be read.
 */
static char *read_command(const char *path)
{
	char *buf = malloc(COMMAND_MAX);
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || !buf) {
		fprintf(stderr, "init: %s: %s\n", path, strerror(errno));
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while (len < COMMAND_MAX - 1 && (n = read(fd, buf + len, COMMAND_MAX - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	return buf;
}

/*
 * mount_disk - mount the first disk (ext2) at /mnt if there is one, so a student's files there
 * survive a reboot. Says what happened unless @quiet (the output of run-elf --sh is the
 * command's: a disk that is not ext2 is left for the command to mount or read). Returns 1 if
 * mounted, 0 if not.
 */
static int mount_disk(int quiet)
{
	struct stat st;

	if (stat(DISK, &st) != 0 || !S_ISBLK(st.st_mode))
		return 0;
	mkdir(DISK_MNT, 0755);
	if (mount(DISK, DISK_MNT, "ext2", 0, NULL) != 0) {
		if (!quiet)
			fprintf(stderr, "init: mount %s on %s: %s\n", DISK, DISK_MNT,
				strerror(errno));
		return 0;
	}
	if (!quiet)
		printf("init: %s (ext2) mounted on %s\n", DISK, DISK_MNT);
	return 1;
}

/*
 * swapon_disk - enable the second disk as swap if it carries a swap header (make run's
 * build/swap.img, made by mkswap), so /proc/meminfo, /proc/swaps and free show swap from the
 * first prompt. Returns 1 if swap is on, 0 if not (no such disk, or not swap: said why).
 */
static int swapon_disk(void)
{
	struct stat st;

	if (stat(SWAP_DISK, &st) != 0 || !S_ISBLK(st.st_mode))
		return 0;
	if (swapon(SWAP_DISK, 0) != 0) {
		fprintf(stderr, "init: swapon %s: %s\n", SWAP_DISK, strerror(errno));
		return 0;
	}
	printf("init: %s is swap (see /proc/swaps)\n", SWAP_DISK);
	return 1;
}

/* umount_disk - write everything back and unmount /mnt (before init exits and QEMU stops). */
static void umount_disk(void)
{
	sync();
	if (umount(DISK_MNT) != 0)
		fprintf(stderr, "init: umount %s: %s (synced anyway)\n", DISK_MNT, strerror(errno));
}

/* run_command - init --command FILE: sh -c "<FILE>", its exit code as ours. */
static int run_command(const char *path)
{
	char *cmd = read_command(path);
	char *argv[] = { SHELL, "-c", cmd, NULL };
	pid_t pid;
	int status, mounted;

	if (!cmd)
		return 127;
	mounted = mount_disk(1);
	pid = spawn(argv, 0);
	free(cmd);
	status = pid < 0 ? -1 : wait_for(pid);
	if (mounted)
		umount_disk();
	return status == -1 ? 1 : exit_code(status);
}

int main(int argc, char **argv)
{
	int have_shell = is_executable(SHELL), status, mounted, swap;
	char *args[] = { have_shell ? SHELL : FALLBACK, NULL };
	pid_t pid;

	if (argc == 3 && strcmp(argv[1], "--command") == 0)
		return run_command(argv[2]);

	printf("\nFaultline init (pid %d): starting %s\n", (int)getpid(), args[0]);
	if (have_shell)
		printf("This is Debian's busybox: try ls /bin, ps, free, cat /proc/meminfo, pgfaults.\n"
		       "\"exit\" leaves; Ctrl-A X quits QEMU.\n");

	mounted = mount_disk(0);
	swap = swapon_disk();
	pid = spawn(args, have_shell);
	status = pid < 0 ? -1 : wait_for(pid);
	if (swap && swapoff(SWAP_DISK) != 0)
		fprintf(stderr, "init: swapoff %s: %s\n", SWAP_DISK, strerror(errno));
	if (mounted)
		umount_disk();
	if (status == -1)
		return 1;

	if (WIFSIGNALED(status))
		printf("init: %s killed by signal %d (%s)\n", args[0], WTERMSIG(status),
		       strsignal(WTERMSIG(status)));
	else
		printf("init: %s exited with status %d\n", args[0], WEXITSTATUS(status));
	fflush(stdout);
	return exit_code(status);
}
