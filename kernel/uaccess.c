/*
 * kernel/uaccess.c - copy_{from,to}_user and friends: range check, then a copy that may fault.
 */
#include "kernel/uaccess.h"
#include "kernel/extable.h"
#include "kernel/errno.h"

long strncpy_from_user_asm(char *dst, const char __user *src, long count);

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	return copy_user_generic(to, (const void *)from, n);
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return copy_user_generic((void *)to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	static const char zeros[256];
	unsigned long left = n;

	while (left) {
		unsigned long chunk = left < sizeof(zeros) ? left : sizeof(zeros);

		if (copy_to_user((char __user *)to + (n - left), zeros, chunk))
			return left;
		left -= chunk;
	}
	return 0;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long n;

	if (count <= 0)
		return -ENAMETOOLONG;
	/* Only the part of the string below TASK_SIZE can be read. */
	if ((unsigned long)src >= TASK_SIZE)
		return -EFAULT;
	if ((unsigned long)count > TASK_SIZE - (unsigned long)src)
		count = (long)(TASK_SIZE - (unsigned long)src);
	n = strncpy_from_user_asm(dst, src, count);
	if (n < 0)
		return -EFAULT;
	if (n == count)
		return -ENAMETOOLONG;
	return n;
}
