/*
 * fs/tests/host/buffer_host.c - the host side of fs/buffer.h and of the kernel services
 * fs/ext2/ calls (kmalloc/kfree, printk, ktime_get_real_seconds): the disk is an image file
 * read and written with pread/pwrite.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "fs/tests/host/buffer_host.h"
#include "kernel/printk.h"
#include "mm/slab.h"

bool host_log_quiet;
unsigned long host_ext2_errors;
char host_last_log[512];
long host_live_allocs;

void *kmalloc(size_t size, gfp_t gfp)
{
	void *p = (gfp & __GFP_ZERO) ? calloc(1, size) : malloc(size);

	if (p)
		host_live_allocs++;
	return p;
}

void kfree(const void *p)
{
	if (p)
		host_live_allocs--;
	free((void *)p);
}

int vprintk(const char *fmt, va_list ap)
{
	int n = vsnprintf(host_last_log, sizeof(host_last_log), fmt, ap);
	const char *msg = host_last_log;
	size_t len;

	if (msg[0] == KERN_SOH[0] && msg[1] != '\0')
		msg += 2;
	if (strstr(msg, "EXT2-fs error"))
		host_ext2_errors++;
	len = strlen(msg);
	if (!host_log_quiet)
		printf("# %s%s", msg, len > 0 && msg[len - 1] == '\n' ? "" : "\n");
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

s64 ktime_get_real_seconds(void)
{
	return time(NULL);
}

/* host_bdev_io - the s_bdev_io of a host disk: pread/pwrite of one block. */
static int host_bdev_io(struct super_block *sb, sector_t block, char *data, size_t size, int op)
{
	int fd = (int)(long)sb->s_bdev_private;
	off_t off = (off_t)(block * size);
	ssize_t n;

	if (block * size + size > sb->s_bdev_size)
		return -EIO;	/* as the block layer: past the end of the disk */
	n = op == REQ_OP_WRITE ? pwrite(fd, data, size, off) : pread(fd, data, size, off);
	return n == (ssize_t)size ? 0 : -EIO;
}

struct super_block *host_open_disk(const char *path, unsigned long flags)
{
	struct super_block *sb = calloc(1, sizeof(*sb));
	struct stat st;
	int fd = open(path, (flags & SB_RDONLY) ? O_RDONLY : O_RDWR);

	if (fd < 0 || !sb || fstat(fd, &st)) {
		if (fd >= 0)
			close(fd);
		free(sb);
		return NULL;
	}
	sb->s_bdev_private = (void *)(long)fd;
	sb->s_bdev_size = st.st_size;
	sb->s_flags = flags;
	sb->s_bdev_io = host_bdev_io;
	snprintf(sb->s_id, sizeof(sb->s_id), "vda");
	sb_buffers_init(sb);
	return sb;
}

unsigned long host_close_disk(struct super_block *sb)
{
	unsigned long busy = invalidate_buffers(sb);

	close((int)(long)sb->s_bdev_private);
	free(sb);
	return busy;
}
