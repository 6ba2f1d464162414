/*
 * fs/ioctl.c - ioctl: device-specific requests, passed to the file's f_op->ioctl.
 */
#include "fs/syscalls.h"
#include "kernel/errno.h"

/* sys_ioctl - run request @cmd on @fd. Returns the driver's result, -EBADF, or -ENOTTY if the
 * file is no device that takes requests (Linux's answer for an ioctl it does not know). */
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *file = fget((int)fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = file->f_op->ioctl ? file->f_op->ioctl(file, cmd, arg) : -ENOTTY;
	fput(file);
	return ret;
}
