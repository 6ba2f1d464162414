/*
 * fs/read_write.h - reading and writing an open file (Linux's fs/read_write.c).
 */
#ifndef FAULTLINE_FS_READ_WRITE_H
#define FAULTLINE_FS_READ_WRITE_H

#include "fs/fs.h"

/* The most one read or write moves (Linux's MAX_RW_COUNT): larger counts are cut to it. */
#define MAX_RW_COUNT	(0x7fffffffL & (long)PAGE_MASK)

/*
 * vfs_read / vfs_write - check that @file was opened for reading / writing and that @buf is a
 * user range, then call f_op->read / ->write at *@pos. Return the bytes moved or -errno:
 * -EBADF (wrong open mode), -EISDIR (a directory), -EINVAL (no such operation),
 * -EFAULT (@buf not in user space), or what the file system returns.
 */
ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos);
ssize_t vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos);

/* file_seekable - does @file have a position (regular files, directories, /dev/null and
 * /dev/zero) rather than being a stream (pipes, the console)? */
bool file_seekable(const struct file *file);

#endif
