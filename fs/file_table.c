/*
 * fs/file_table.c - allocating and releasing struct file (Linux's fs/file_table.c).
 *
 * A struct file is one open: the inode, a position and the open flags. File descriptors (in
 * every process that inherited them), VMAs mapping the file and system calls in progress each
 * hold a reference (f_count); the last fput() runs the driver's release and drops the inode.
 */
#include "fs/file_table.h"
#include "fs/inode.h"
#include "mm/mm_types.h"
#include "mm/slab.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"

struct file *alloc_file(struct inode *inode, unsigned int flags, const char *path)
{
	struct file *file;
	int err;

	if (!inode->i_fop)
		return ERR_PTR(-ENXIO);
	file = kzalloc(sizeof(*file), GFP_KERNEL);
	if (!file)
		return ERR_PTR(-ENOMEM);
	file->f_inode = igrab(inode);
	file->f_op = inode->i_fop;
	file->f_mapping = inode->i_mapping;
	file->f_flags = flags;
	file->f_count = 1;
	strscpy(file->f_path, path ? path : "", sizeof(file->f_path));

	if (file->f_op->open) {
		err = file->f_op->open(inode, file);
		if (err) {
			iput(inode);
			kfree(file);
			return ERR_PTR(err);
		}
	}
	return file;
}

void fput(struct file *file)
{
	if (file->f_count <= 0)
		panic("fput: file %s has f_count %d", file->f_path, file->f_count);
	if (--file->f_count > 0)
		return;
	if (file->f_op->release)
		file->f_op->release(file->f_inode, file);
	if (file->f_mode & FMODE_WRITER)
		put_write_access(file->f_inode);
	iput(file->f_inode);
	kfree(file);
}

int set_mm_exe_file(struct mm_struct *mm, struct file *file)
{
	struct file *old = mm->exe_file;

	if (file) {
		if (deny_write_access(file))
			return -EACCES;
		get_file(file);
	}
	mm->exe_file = file;
	if (old) {
		allow_write_access(old);
		fput(old);
	}
	return 0;
}
