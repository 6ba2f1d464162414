/*
 * fork_isolation - a parent, its child and a grandchild all write the same private pages
 * (an anonymous mmap page and a global variable in .data); each sees only its own values,
 * also while the others are alive, and the parent's values are unchanged after they exit.
 *
 * Seed concept: copy on write. fork() shares every private page frame between the processes,
 * read-only; whichever process writes first gets its own copy (do_wp_page), so writes never
 * leak from one process to another.
 *
 * The processes take turns through pipes so that each write happens while the others are
 * alive and still map the page:
 *   parent writes 1, forks child; child sees 1, writes 2, forks grandchild;
 *   grandchild sees 2, writes 3, tells its parent; child checks it still has 2, writes 20;
 *   tells grandchild; grandchild checks it still has 3; exits. Then the same between the
 *   child and the parent: the parent, which still has 1, writes 10 while the child lives.
 */
#include "test.h"

static volatile long global_value = 0x1234;	/* in .data: a file-backed private page */
static volatile long *anon_value;		/* in an anonymous private page */

static void set_both(long v)
{
	global_value = v;
	*anon_value = v;
}

/* expect_both - check both locations hold @v; returns 1 if so. */
static int expect_both(long v, const char *who)
{
	int ok = global_value == v && *anon_value == v;

	if (!ok)
		fprintf(stderr, "FAIL: %s: global %ld anon %ld, expected %ld\n", who, global_value,
			*anon_value, v);
	return ok;
}

static void post(int fd)
{
	ASSERT(write(fd, "x", 1) == 1, "pipe write: %s", strerror(errno));
}

static void await(int fd)
{
	char c;

	ASSERT(read(fd, &c, 1) == 1, "pipe read: %s", strerror(errno));
}

/*
 * fork_and_check - fork a process in which @child_fn runs (its return value becomes the exit
 * status), then play the protocol: wait until it has written, check our @mine is intact,
 * write @mine_after, let it go on, wait for it, and check @mine_after survived it.
 * Returns 1 if everything held in both processes.
 */
static int fork_and_check(int (*child_fn)(int wake_fd, int go_fd), long mine, long mine_after,
			  const char *who)
{
	int wake[2], go[2], ok, status;
	pid_t pid;

	ASSERT(pipe(wake) == 0 && pipe(go) == 0, "pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(child_fn(wake[1], go[0]));

	await(wake[0]);			/* the child has written its value */
	ok = expect_both(mine, who);
	set_both(mine_after);		/* write while the child still maps the page */
	post(go[1]);
	status = wait_exit_status(pid);
	if (status != 0)
		fprintf(stderr, "FAIL: %s: its child exited with %d\n", who, status);
	ok &= expect_both(mine_after, who);
	close(wake[0]); close(wake[1]); close(go[0]); close(go[1]);
	return ok && status == 0;
}

static int grandchild(int wake_fd, int go_fd)
{
	int ok = expect_both(2, "grandchild, after fork");	/* inherited from the child */

	set_both(3);
	post(wake_fd);
	await(go_fd);			/* the child has written 20 meanwhile */
	ok &= expect_both(3, "grandchild, after the child's write");
	return ok ? 0 : 1;
}

static int child(int wake_fd, int go_fd)
{
	int ok = expect_both(1, "child, after fork");	/* inherited from the parent */

	set_both(2);
	ok &= fork_and_check(grandchild, 2, 20, "child");
	post(wake_fd);
	await(go_fd);			/* the parent has written 10 meanwhile */
	ok &= expect_both(20, "child, after the parent's write");
	return ok ? 0 : 1;
}

int main(void)
{
	anon_value = (volatile long *)map_anon(1);
	set_both(1);

	EXPECT(fork_and_check(child, 1, 10, "parent"), "isolation broken (see above)");
	EXPECT(expect_both(10, "parent, at the end"), "parent's values changed");

	return test_done();
}
