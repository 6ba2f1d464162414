/*
 * drivers/char/mem.c - /dev/null and /dev/zero (Linux's drivers/char/mem.c).
 */
#include "drivers/char/mem.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/wait.h"

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

/*
 * read_zero - fill @buf with @count zero bytes, a page of the user buffer at a time (Linux's
 * read_zero): a fault stops the read at the page that faulted, a pending signal between pages
 * stops it too, and a long read gives the CPU away when its time slice is used up. Returns
 * the bytes zeroed, -EFAULT if the first page faulted, or -EINTR if a signal came first.
 */
static ssize_t read_zero(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	size_t done = 0;

	(void)file; (void)pos;
	while (done < count) {
		unsigned long addr = (unsigned long)buf + done;
		size_t chunk = min(count - done, PAGE_SIZE - (addr & (PAGE_SIZE - 1)));

		/* The chunk is one page: a fault means the page is not there at all. */
		if (clear_user(buf + done, chunk))
			break;
		done += chunk;
		if (done < count) {
			if (signal_pending(current))
				return (ssize_t)done;
			cond_resched();
		}
	}
	if (!done && count)
		return -EFAULT;
	return (ssize_t)done;
}

const struct file_operations null_fops = {
	.read = read_null,
	.write = write_null,
};

const struct file_operations zero_fops = {
	.read = read_zero,
	.write = write_null,
};
