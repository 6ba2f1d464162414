/*
 * fs/fcntl.c - fcntl: descriptor flags (FD_CLOEXEC), file status flags, duplication, pipe
 * sizes.
 */
#include "fs/syscalls.h"
#include "fs/file.h"
#include "fs/pipe.h"
#include "kernel/errno.h"
#include "kernel/cred.h"

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

/* The status flags F_SETFL may change (Linux's SETFL_MASK, less what Faultline ignores). */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK)

/*
 * sys_fcntl - F_DUPFD / F_DUPFD_CLOEXEC (lowest free fd >= @arg; -EINVAL if @arg is at or
 * beyond RLIMIT_NOFILE, -EMFILE if none is free below it), F_GETFD / F_SETFD (FD_CLOEXEC),
 * F_GETFL (access mode and status flags), F_SETFL (only O_APPEND and O_NONBLOCK change),
 * F_GETPIPE_SZ / F_SETPIPE_SZ (pipe_fcntl, fs/pipe.h).
 * Returns the result, -EBADF for a closed @fd, or -EINVAL for another @cmd.
 */
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *file = fget((int)fd);
	long ret;

	if (!file)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = arg >= NR_OPEN_MAX ? -EINVAL
		      : f_dupfd((unsigned int)arg, file, cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
		break;
	case F_GETFD:
		ret = get_close_on_exec(fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		ret = 0;
		break;
	case F_GETFL:
		ret = file->f_flags;
		break;
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
		ret = pipe_fcntl(file, cmd, arg);
		break;
	case F_SETFL:
		file->f_flags = (file->f_flags & ~SETFL_MASK) | ((unsigned int)arg & SETFL_MASK);
		ret = 0;
		break;
	default:
		ret = -EINVAL;
		break;
	}
	fput(file);
	return ret;
}
