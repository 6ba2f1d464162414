/*
 * fs/file_table.h - struct file: one open of an inode (Linux's fs/file_table.c).
 */
#ifndef FAULTLINE_FS_FILE_TABLE_H
#define FAULTLINE_FS_FILE_TABLE_H

#include "fs/fs.h"

/*
 * alloc_file - open @inode: a new struct file with one reference (the caller's), its own
 * reference to the inode, f_op = inode->i_fop, f_flags = @flags and f_path = @path (for
 * /proc/PID/maps; truncated to fit). Runs f_op->open if there is one.
 * Returns the file, or ERR_PTR(-ENOMEM), ERR_PTR(-ENXIO) for an inode without file
 * operations, or the error f_op->open returned.
 */
struct file *alloc_file(struct inode *inode, unsigned int flags, const char *path);

/* file_can_read / file_can_write - may @file be read / written (by its O_ACCMODE)? */
static inline bool file_can_read(const struct file *file)
{
	unsigned int acc = file->f_flags & O_ACCMODE;

	return acc == O_RDONLY || acc == O_RDWR;
}

static inline bool file_can_write(const struct file *file)
{
	unsigned int acc = file->f_flags & O_ACCMODE;

	return acc == O_WRONLY || acc == O_RDWR;
}

#endif
