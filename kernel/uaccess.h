/*
 * kernel/uaccess.h - the only way kernel code touches user memory.
 *
 * access_ok() checks that a range lies below TASK_SIZE; the copy itself runs in
 * copy_user_generic (kernel/lib/copy.asm), whose exception-table entry turns a fault on an
 * unmapped or protected user page into a short copy. So a bad pointer from a system call
 * becomes -EFAULT, never an oops. The contracts are Linux's.
 */
#ifndef FAULTLINE_UACCESS_H
#define FAULTLINE_UACCESS_H

#include "kernel/types.h"
#include "mm/memlayout.h"
#include "kernel/errno.h"

#define __user		/* marks user-space pointers for the reader */

/* access_ok - true if [@addr, @addr+@size) lies entirely in user space (no wrap-around). */
static inline bool access_ok(const void __user *addr, size_t size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

/*
 * copy_from_user / copy_to_user - copy @n bytes between user and kernel memory.
 * Return the number of bytes NOT copied: 0 on success (callers return -EFAULT otherwise).
 */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);

/* clear_user - zero @n bytes of user memory; returns the bytes not cleared. */
unsigned long clear_user(void __user *to, unsigned long n);

/*
 * strncpy_from_user - copy a NUL-terminated string of at most @count bytes (NUL included).
 * Returns its length without the NUL, -EFAULT for a bad address, or -ENAMETOOLONG if no NUL
 * was found within @count bytes.
 */
long strncpy_from_user(char *dst, const char __user *src, long count);

/* get_user/put_user for the common scalar case: 0 or -EFAULT. */
#define get_user(x, ptr) (copy_from_user(&(x), (ptr), sizeof(*(ptr))) ? -EFAULT : 0)
#define put_user(x, ptr) ({ __typeof__(*(ptr)) __v = (x); copy_to_user((ptr), &__v, sizeof(__v)) ? -EFAULT : 0; })

#endif
