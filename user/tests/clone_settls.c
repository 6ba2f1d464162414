/*
 * clone_settls - clone(CLONE_SETTLS) checks the new TLS (FS) base as arch_prctl(ARCH_SET_FS)
 * does: an address outside user space (here non-canonical) fails with EPERM and creates no
 * child, as on Linux (copy_thread -> do_arch_prctl_64). A user-space base is accepted.
 */
#include "test.h"

#ifndef CLONE_SETTLS
#define CLONE_SETTLS	0x00080000
#endif

/* raw_clone - clone(flags, 0, NULL, NULL, tls) without a new stack: fork-like. */
static long raw_clone(unsigned long flags, unsigned long tls)
{
	return syscall(SYS_clone, flags, 0UL, NULL, NULL, tls);
}

int main(void)
{
	static const unsigned long bad[] = { 0x8000000000000000UL, 0x0000800000000000UL,
					     0xffff800000000000UL };
	long pid;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fflush(NULL);
		errno = 0;
		pid = raw_clone(CLONE_SETTLS | SIGCHLD, bad[i]);
		if (pid == 0)
			_exit(99);	/* must not exist */
		EXPECT(pid == -1 && errno == EPERM, "clone(CLONE_SETTLS, tls=%#lx) = %ld, errno %d (%s),"
		       " expected EPERM", bad[i], pid, errno, strerror(errno));
		if (pid > 0)
			wait_exit_status((pid_t)pid);
	}
	EXPECT_ERRNO(syscall(SYS_arch_prctl, 0x1002 /* ARCH_SET_FS */, bad[0]), EPERM);

	/* A good base: the child starts with it (ARCH_GET_FS), and the parent's is unchanged.
	 * The new block is a copy of the start of our own thread block, so that the C library
	 * (its self pointer, the stack-protector canary at %fs:0x28) still works on it. */
	static unsigned long tls_block[8];
	unsigned long fs_before = 0, fs_after = 0;

	syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, &fs_before);
	memcpy(tls_block, (void *)fs_before, sizeof(tls_block));
	fflush(NULL);
	pid = raw_clone(CLONE_SETTLS | SIGCHLD, (unsigned long)tls_block);
	if (pid == 0) {
		unsigned long fs = 0;

		syscall(SYS_arch_prctl, 0x1003, &fs);
		_exit(fs == (unsigned long)tls_block ? 0 : 1);	/* no libc: its TLS is gone */
	}
	ASSERT(pid > 0, "clone(CLONE_SETTLS) with a good base: %s", strerror(errno));
	EXPECT_EQ(wait_exit_status((pid_t)pid), 0);
	syscall(SYS_arch_prctl, 0x1003, &fs_after);
	EXPECT_EQ(fs_after, fs_before);
	return test_done();
}
