/*
 * fs/pipe.h - pipes and FIFOs (Linux's include/linux/pipe_fs_i.h): the fcntl commands on a
 * pipe's size and the file operations a FIFO inode opens with.
 */
#ifndef FAULTLINE_FS_PIPE_H
#define FAULTLINE_FS_PIPE_H

#include "fs/fs.h"

#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032

#define PIPE_DEF_BUFFERS 16			/* a new pipe holds 16 pages: 64 KiB */
#define PIPE_MAX_SIZE	(1024 * 1024)		/* /proc/sys/fs/pipe-max-size */

/*
 * def_fifo_fops - the file operations of a named FIFO (an S_IFIFO inode made by mknod): set
 * inode->i_fop to them. Their open finds the inode's pipe (inode->i_pipe) or makes one, and
 * waits as Linux's fifo_open does: a reader (O_RDONLY) until there is a writer, a writer
 * (O_WRONLY) until there is a reader; O_NONBLOCK does not wait (a writer without a reader is
 * then -ENXIO); O_RDWR never waits. The pipe goes when its last open file closes.
 */
extern const struct file_operations def_fifo_fops;

/*
 * pipe_fcntl - F_GETPIPE_SZ / F_SETPIPE_SZ on @file. Returns the pipe's capacity in bytes
 * (F_SETPIPE_SZ: @arg rounded up to a power-of-two number of pages, at least one page); -EBADF
 * if @file is not a pipe or FIFO; -EINVAL for a size beyond 2^31; -EPERM beyond PIPE_MAX_SIZE;
 * -EBUSY if the buffers in use would not fit; -ENOMEM; -EINTR (SIGKILL while waiting for the
 * pipe).
 */
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg);

#endif
