/*
 * kernel/extable.h - the exception table: which kernel instructions may fault, and where to
 * continue when they do. Only the uaccess and nofault copy helpers have entries, so any other
 * kernel fault is a bug (and panics).
 */
#ifndef FAULTLINE_EXTABLE_H
#define FAULTLINE_EXTABLE_H

#include "kernel/types.h"

struct exception_table_entry {
	unsigned long insn;	/* address of the instruction allowed to fault */
	unsigned long fixup;	/* where execution continues instead */
};

/* search_exception_tables - the entry for instruction address @addr, or NULL. */
const struct exception_table_entry *search_exception_tables(unsigned long addr);

/*
 * copy_user_generic - copy @len bytes with `rep movsb`, either address possibly faulting.
 * Returns the number of bytes NOT copied (0 on success). Callers check the address range
 * first (access_ok); this only survives the fault. Implemented in kernel/lib/copy.asm.
 */
unsigned long copy_user_generic(void *to, const void *from, unsigned long len);

/*
 * copy_from_kernel_nofault / copy_to_kernel_nofault - copy that returns -EFAULT instead of
 * oopsing when an address is unmapped or read-only (Linux's names). For self tests and
 * debugging aids that probe memory which may not be there (guard pages, W^X checks).
 */
long copy_from_kernel_nofault(void *dst, const void *src, size_t size);
long copy_to_kernel_nofault(void *dst, const void *src, size_t size);

#endif
