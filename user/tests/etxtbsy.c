/*
 * etxtbsy - a program file that is running cannot be written: opening it for writing, or with
 * O_TRUNC, fails with ETXTBSY (and the running processes go on, unharmed), and a file open for
 * writing cannot be executed (ETXTBSY). Once the last process running it is gone, it can be
 * written again. As on Linux (deny_write_access, held through mm->exe_file).
 *
 * Seed concept: file-backed memory - a running program's text is the page cache of its file,
 * mapped; truncating the file would pull the pages out from under it (SIGBUS), so the kernel
 * refuses instead.
 *
 * Runs unchanged on Linux (it needs a writable /tmp). Started as "etxtbsy wait IN OUT" (by
 * itself) it writes a byte to descriptor OUT, waits for end of file on descriptor IN and
 * exits 0.
 */
#include "test.h"
#include <sys/stat.h>

#define COPY	"/tmp/etxtbsy.copy"

/* copy_file - copy @from to a new executable file @to. Exits on failure. */
static void copy_file(const char *from, const char *to)
{
	char buf[4096];
	int in = open(from, O_RDONLY), out;
	ssize_t n;

	ASSERT(in >= 0, "open %s: %s", from, strerror(errno));
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ASSERT(out >= 0, "create %s: %s", to, strerror(errno));
	while ((n = read(in, buf, sizeof(buf))) > 0)
		ASSERT(write(out, buf, (size_t)n) == n, "write %s: %s", to, strerror(errno));
	ASSERT(n == 0, "read %s: %s", from, strerror(errno));
	close(in);
	close(out);
}

/*
 * spawn_waiting - fork and execve @path as "@path wait IN OUT" (see the top of the file), with
 * IN the read end of one new pipe and OUT the write end of another. Returns the child's pid
 * once the new program runs (it wrote its byte to OUT) or the exec failed (OUT closed: the
 * child exits 100 + errno); leaves the write end of IN's pipe in *@wfd: the child waits until
 * it is closed. Exits if a pipe or the fork fails.
 */
static pid_t spawn_waiting(const char *path, int *wfd)
{
	char in[16], out[16], c;
	int p[2], ready[2];
	pid_t pid;

	ASSERT(pipe(p) == 0 && pipe(ready) == 0, "pipe: %s", strerror(errno));
	snprintf(in, sizeof(in), "%d", p[0]);
	snprintf(out, sizeof(out), "%d", ready[1]);
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		char *argv[] = { (char *)path, "wait", in, out, NULL };

		close(p[1]);
		close(ready[0]);
		execve(path, argv, (char *[]){ NULL });
		_exit(100 + errno);
	}
	close(p[0]);
	close(ready[1]);
	while (read(ready[0], &c, 1) < 0 && errno == EINTR)
		;
	close(ready[0]);
	*wfd = p[1];
	return pid;
}

int main(int argc, char *argv[])
{
	struct stat before, after;
	char magic[4];
	int fd, wfd;
	pid_t pid;

	if (argc == 4 && strcmp(argv[1], "wait") == 0) {
		if (write(atoi(argv[3]), "r", 1) != 1)
			return 2;
		close(atoi(argv[3]));
		while (read(atoi(argv[2]), magic, 1) > 0)
			;
		return 0;
	}
	ASSERT(argc >= 1 && argv[0][0] == '/', "needs to be started by its absolute path");
	ASSERT(stat(argv[0], &before) == 0, "stat %s: %s", argv[0], strerror(errno));

	/* Our own program file: not for writing, not for truncating. */
	EXPECT_ERRNO(open(argv[0], O_WRONLY), ETXTBSY);
	EXPECT_ERRNO(open(argv[0], O_RDWR), ETXTBSY);
	EXPECT_ERRNO(open(argv[0], O_RDWR | O_TRUNC), ETXTBSY);
	EXPECT_ERRNO(open(argv[0], O_WRONLY | O_TRUNC | O_APPEND), ETXTBSY);
	EXPECT_ERRNO(open(argv[0], O_RDONLY | O_TRUNC), ETXTBSY);

	/* Nothing happened to it, and we are still running (no SIGBUS). */
	ASSERT(stat(argv[0], &after) == 0, "stat %s: %s", argv[0], strerror(errno));
	EXPECT_EQ(after.st_size, before.st_size);
	fd = open(argv[0], O_RDONLY);
	EXPECT(fd >= 0, "open %s read-only: %s", argv[0], strerror(errno));
	EXPECT_EQ(read(fd, magic, 4), 4);
	EXPECT(memcmp(magic, "\177ELF", 4) == 0, "the file no longer starts with the ELF magic");
	close(fd);

	/* A fork runs the same file: still busy after the child has gone. */
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(open(argv[0], O_WRONLY) == -1 && errno == ETXTBSY ? 0 : 1);
	EXPECT_EQ(wait_exit_status(pid), 0);
	EXPECT_ERRNO(open(argv[0], O_WRONLY), ETXTBSY);

	/* A file open for writing cannot be executed. */
	unlink(COPY);
	copy_file(argv[0], COPY);
	fd = open(COPY, O_WRONLY);
	ASSERT(fd >= 0, "open %s for writing: %s", COPY, strerror(errno));
	pid = spawn_waiting(COPY, &wfd);
	close(wfd);
	EXPECT_EQ(wait_exit_status(pid), 100 + ETXTBSY);
	close(fd);

	/* While another process runs it, it cannot be opened for writing; once that process has
	 * exited, it can. */
	pid = spawn_waiting(COPY, &wfd);
	EXPECT_ERRNO(open(COPY, O_WRONLY), ETXTBSY);
	EXPECT_ERRNO(open(COPY, O_RDWR | O_TRUNC), ETXTBSY);
	close(wfd);
	EXPECT_EQ(wait_exit_status(pid), 0);
	fd = open(COPY, O_WRONLY | O_TRUNC);
	EXPECT(fd >= 0, "open %s for writing after its process exited: %s", COPY, strerror(errno));
	if (fd >= 0)
		close(fd);
	EXPECT_EQ(unlink(COPY), 0);
	return test_done();
}
