/*
 * fs/readdir.h - filling a getdents64 buffer: what a directory's f_op->iterate uses.
 *
 * A directory's iterate walks its entries from file->f_pos and hands each one to dir_emit(),
 * which appends a linux_dirent64 record to the user buffer; when dir_emit() says the buffer is
 * full, iterate stops, leaving f_pos at the first entry not returned, and returns
 * dir_emit_result(). Positions are the file system's own (ramfs: the entry's index).
 */
#ifndef FAULTLINE_FS_READDIR_H
#define FAULTLINE_FS_READDIR_H

#include "fs/fs.h"

/* d_type values: the S_IFMT bits shifted down, as Linux defines them. */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

static inline unsigned char dt_type(umode_t mode)
{
	return (unsigned char)((mode >> 12) & 15);
}

struct dir_context {
	char __user *buf;	/* the user buffer */
	size_t count;		/* its size */
	size_t used;		/* bytes filled so far */
	int error;		/* why the last dir_emit() failed: -EINVAL (too small), -EFAULT */
};

static inline void dir_context_init(struct dir_context *ctx, void __user *buf, size_t count)
{
	ctx->buf = buf;
	ctx->count = count;
	ctx->used = 0;
	ctx->error = 0;
}

/*
 * dir_emit - append the record (@name, @len bytes; inode @ino; DT_* @type; @next_pos, the
 * position of the entry after it) to @ctx. Returns true if it was added, false if the buffer
 * is full or faulted (the caller stops and returns dir_emit_result()).
 */
bool dir_emit(struct dir_context *ctx, const char *name, size_t len, u64 ino,
	      unsigned char type, loff_t next_pos);

/* dir_emit_result - what iterate returns: the bytes filled, or the error if there are none
 * (-EINVAL if even the first record did not fit, -EFAULT), or 0 at the end. */
static inline long dir_emit_result(const struct dir_context *ctx)
{
	return ctx->used ? (long)ctx->used : ctx->error;
}

#endif
