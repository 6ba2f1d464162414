/*
 * fs/readdir.c - getdents64: a directory's entries as linux_dirent64 records.
 */
#include "fs/readdir.h"
#include "fs/file.h"
#include "fs/syscalls.h"
#include "fs/namei.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

bool dir_emit(struct dir_context *ctx, const char *name, size_t len, u64 ino,
	      unsigned char type, loff_t next_pos)
{
	/* The largest record: header, a NAME_MAX name and its NUL, rounded up to 8. */
	union {
		struct linux_dirent64 d;
		char bytes[ALIGN_UP(offsetof(struct linux_dirent64, d_name) + NAME_MAX + 1, 8)];
	} rec;
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);

	if (len > NAME_MAX) {
		ctx->error = -EINVAL;
		return false;
	}
	if (reclen > ctx->count - ctx->used) {
		if (!ctx->used)
			ctx->error = -EINVAL;	/* not even one record fits */
		return false;
	}
	memset(&rec, 0, reclen);
	rec.d.d_ino = ino;
	rec.d.d_off = next_pos;
	rec.d.d_reclen = (unsigned short)reclen;
	rec.d.d_type = type;
	memcpy(rec.d.d_name, name, len);
	if (copy_to_user(ctx->buf + ctx->used, &rec, reclen)) {
		ctx->error = -EFAULT;
		return false;
	}
	ctx->used += reclen;
	return true;
}

/* sys_getdents64 - fill @dirent (@count bytes) with linux_dirent64 records of directory @fd
 * from its position on. Returns the bytes filled, 0 at the end, -EBADF, -ENOTDIR, -EFAULT, or
 * -EINVAL if @count cannot hold one record. */
long sys_getdents64(unsigned int fd, struct linux_dirent64 __user *dirent, unsigned int count)
{
	struct file *file = fget((int)fd);
	long ret;

	if (!file)
		return -EBADF;
	if (!S_ISDIR(file->f_inode->i_mode) || !file->f_op->iterate)
		ret = -ENOTDIR;
	else if (!access_ok(dirent, count))
		ret = -EFAULT;
	else
		ret = file->f_op->iterate(file, dirent, count);
	fput(file);
	return ret;
}
