/*
 * fs/mem.c - /dev/null and /dev/zero (Linux's drivers/char/mem.c).
 */
#include "fs/mem.h"
#include "kernel/errno.h"

/* read_null - /dev/null has nothing to read: always end of file (0). */
static ssize_t read_null(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	(void)file; (void)buf; (void)count; (void)pos;
	return 0;
}

/* write_null - accept and discard @count bytes without reading them; returns @count. */
static ssize_t write_null(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	(void)file; (void)buf; (void)pos;
	return (ssize_t)count;
}

/* read_zero - fill @buf with @count zero bytes. Returns the bytes zeroed before a fault, or
 * -EFAULT if the first one faulted. */
static ssize_t read_zero(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	unsigned long left;

	(void)file; (void)pos;
	if (!count)
		return 0;
	left = clear_user(buf, count);
	return left == count ? -EFAULT : (ssize_t)(count - left);
}

const struct file_operations null_fops = {
	.read = read_null,
	.write = write_null,
};

const struct file_operations zero_fops = {
	.read = read_zero,
	.write = write_null,
};
