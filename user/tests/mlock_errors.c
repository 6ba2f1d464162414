/*
 * mlock_errors - Linux 6.1's validation of the mlock family:
 *   - unknown flags: mlockall(0), mlockall(MCL_ONFAULT) alone, mlockall(8) are EINVAL;
 *   - a range with a hole is ENOMEM; what lies before the hole was locked all the same
 *     (apply_vma_lock_flags stops at the hole), a hole at the start locks nothing;
 *   - a PROT_NONE range is locked but cannot be faulted in: ENOMEM (populate's EFAULT);
 *   - RLIMIT_MEMLOCK is 8 MiB (soft and hard) by default;
 *   - over RLIMIT_MEMLOCK a caller other than root gets ENOMEM from mlock (pages it already
 *     locked are not counted twice), EAGAIN from mmap(MAP_LOCKED), ENOMEM from
 *     mlockall(MCL_CURRENT); a limit of 0 makes mlock, mlockall and MAP_LOCKED EPERM. Root is
 *     exempt.
 * The non-root part runs in a child that drops to uid 1000 (saved uid 0, to read its VmLck),
 * so the test stays root.
 */
#include "mlock_check.h"

/* locked_kb - VmLck, read as root: Linux refuses uid 1000 its own /proc/self/status once
 * its uid changed (the process became non-dumpable). Back to euid 1000 afterwards. */
static long locked_kb(void)
{
	long kb;

	if (seteuid(0) != 0)
		return -1;
	kb = vm_lck_kb();
	if (seteuid(1000) != 0)
		_exit(12);
	return kb;
}

static int non_root_child(char *p)
{
	struct rlimit rl = { 4 * PAGE_SIZE, 4 * PAGE_SIZE };
	void *m;

	/* uid 1000, keeping 0 as the saved uid only to read VmLck (locked_kb). */
	if (setrlimit(RLIMIT_MEMLOCK, &rl) != 0 || setresuid(1000, 1000, 0) != 0)
		_exit(10);
	EXPECT_ERRNO(mlock(p, 8 * PAGE_SIZE), ENOMEM);
	EXPECT_EQ(locked_kb(), 0);
	EXPECT_EQ(mlock(p, 3 * PAGE_SIZE), 0);
	EXPECT_EQ(mlock(p, 4 * PAGE_SIZE), 0);		/* 3 already locked: 4 in all */
	EXPECT_ERRNO(mlock(p + 4 * PAGE_SIZE, PAGE_SIZE), ENOMEM);
	m = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED,
		 -1, 0);
	EXPECT(m == MAP_FAILED && errno == EAGAIN, "mmap(MAP_LOCKED) over the limit: %p %s", m,
	       strerror(errno));
	EXPECT_ERRNO(mlockall(MCL_CURRENT), ENOMEM);
	EXPECT_EQ(munlock(p, 8 * PAGE_SIZE), 0);
	EXPECT_EQ(locked_kb(), 0);
	EXPECT_EQ(mlock(p + 4 * PAGE_SIZE, 4 * PAGE_SIZE), 0);
	EXPECT_EQ(locked_kb(), (long)(4 * PAGE_SIZE / 1024));
	rl.rlim_cur = rl.rlim_max = 0;
	EXPECT_EQ(setrlimit(RLIMIT_MEMLOCK, &rl), 0);
	EXPECT_ERRNO(mlock(p, PAGE_SIZE), EPERM);
	EXPECT_ERRNO(mlockall(MCL_CURRENT), EPERM);
	/* (The system call itself: musl's mmap() turns EPERM into ENOMEM.) */
	EXPECT_ERRNO(syscall(SYS_mmap, NULL, PAGE_SIZE, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0), EPERM);
	EXPECT_EQ(munlock(p, 8 * PAGE_SIZE), 0);	/* unlocking needs no permission */
	EXPECT_EQ(locked_kb(), 0);
	return test_done();
}

int main(void)
{
	struct rlimit rl;
	int status;
	pid_t pid;
	char *p;

	EXPECT_EQ(getrlimit(RLIMIT_MEMLOCK, &rl), 0);
	EXPECT(rl.rlim_cur == 8 << 20 && rl.rlim_max == 8 << 20, "RLIMIT_MEMLOCK %llu %llu",
	       (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max);
	EXPECT_ERRNO(mlockall(0), EINVAL);
	EXPECT_ERRNO(mlockall(MCL_ONFAULT), EINVAL);
	EXPECT_ERRNO(mlockall(8), EINVAL);
	EXPECT_ERRNO(mlockall(MCL_CURRENT | 16), EINVAL);

	p = mmap(NULL, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(munmap(p + 2 * PAGE_SIZE, PAGE_SIZE), 0);
	EXPECT_ERRNO(mlock(p, 4 * PAGE_SIZE), ENOMEM);
	EXPECT_EQ(vm_lck_kb(), (long)(2 * PAGE_SIZE / 1024));	/* the two before the hole */
	EXPECT_EQ(resident(p, 2), 0);				/* but not faulted in */
	EXPECT_ERRNO(munlock(p, 4 * PAGE_SIZE), ENOMEM);
	EXPECT_EQ(vm_lck_kb(), 0);
	EXPECT_ERRNO(mlock(p + 2 * PAGE_SIZE, 2 * PAGE_SIZE), ENOMEM);	/* hole first */
	EXPECT_EQ(vm_lck_kb(), 0);
	EXPECT_ERRNO(syscall(SYS_mlock2, p + 2 * PAGE_SIZE, PAGE_SIZE, MLOCK_ONFAULT), ENOMEM);
	EXPECT_EQ(munmap(p, 8 * PAGE_SIZE), 0);

	/* PROT_NONE cannot be faulted in: ENOMEM, the VMA locked all the same. */
	p = mmap(NULL, 2 * PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_ERRNO(mlock(p, 2 * PAGE_SIZE), ENOMEM);
	EXPECT_EQ(vm_lck_kb(), (long)(2 * PAGE_SIZE / 1024));
	EXPECT_EQ(munmap(p, 2 * PAGE_SIZE), 0);
	EXPECT_EQ(vm_lck_kb(), 0);

	/* Over the limit, but root: allowed. */
	p = mmap(NULL, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	ASSERT(getuid() == 0, "the test must run as root");
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		struct rlimit small = { PAGE_SIZE, PAGE_SIZE };

		if (setrlimit(RLIMIT_MEMLOCK, &small) != 0 || mlock(p, 8 * PAGE_SIZE) != 0)
			_exit(11);
		_exit(0);
	}
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "root over the limit: status %#x", status);

	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(non_root_child(p));
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "non-root child: status %#x", status);
	EXPECT_EQ(munmap(p, 8 * PAGE_SIZE), 0);
	EXPECT_EQ(vm_lck_kb(), 0);
	return test_done();
}
