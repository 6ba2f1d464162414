/*
 * fs/open.h - opening files by name (Linux's fs/open.c and the open half of fs/namei.c).
 */
#ifndef FAULTLINE_FS_OPEN_H
#define FAULTLINE_FS_OPEN_H

#include "fs/fs.h"

/* The file-creation mask applied to O_CREAT's mode: fixed, as sys_umask reports it. */
#define CURRENT_UMASK	0022

/*
 * do_filp_open - open the kernel string @name, relative to @dfd (AT_FDCWD or a directory fd;
 * see path_init), with O_* @flags and, for O_CREAT, permission bits @mode. Returns the file
 * (with the caller's reference) or ERR_PTR: -ENOENT, -ENOTDIR, -ENAMETOOLONG, -EEXIST
 * (O_CREAT|O_EXCL), -EISDIR (a directory opened for writing, or O_CREAT of a directory name),
 * -ETXTBSY (a running program's file opened for writing or with O_TRUNC),
 * -EACCES (writing a file that cannot be written, creating where nothing can be created),
 * -EBADF (bad @dfd), -EINVAL, -ENXIO (a device node without a driver), -ENOMEM.
 */
struct file *do_filp_open(int dfd, const char *name, int flags, umode_t mode);

/* do_truncate - set regular file @inode's size to @length, dropping the cached pages past it
 * (growing leaves a hole). Returns 0, -EINVAL (negative or too long), -EISDIR, or -ETXTBSY
 * if a program runs it. */
int do_truncate(struct inode *inode, loff_t length);

#endif
