/*
 * kernel/extable.c - searching the exception table and the nofault copies built on it.
 */
#include "kernel/extable.h"
#include "kernel/errno.h"

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	/* A handful of entries: a linear scan is clearer than sorting. */
	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == addr)
			return e;
	return NULL;
}

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	return copy_user_generic(dst, src, size) ? -EFAULT : 0;
}

long copy_to_kernel_nofault(void *dst, const void *src, size_t size)
{
	return copy_user_generic(dst, src, size) ? -EFAULT : 0;
}
