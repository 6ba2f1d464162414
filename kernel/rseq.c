/*
 * kernel/rseq.c - restartable sequences (rseq(2)): not supported. glibc registers one at
 * start-up and carries on when the kernel answers -ENOSYS, Linux's answer when CONFIG_RSEQ
 * is off; having an entry keeps the call out of the "unknown system call" log.
 */
#include "kernel/errno.h"
#include "kernel/types.h"
#include "kernel/uaccess.h"

long sys_rseq(void __user *rseq, u32 rseq_len, int flags, u32 sig)
{
	(void)rseq;
	(void)rseq_len;
	(void)flags;
	(void)sig;
	return -ENOSYS;
}
