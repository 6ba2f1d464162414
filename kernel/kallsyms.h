/*
 * kernel/kallsyms.h - the kernel's own symbol table, for symbolized backtraces.
 *
 * The table is generated at link time from `nm` of the kernel (tools/gen-kallsyms) and linked
 * into the image's last section, so adding it moves no other symbol.
 */
#ifndef FAULTLINE_KALLSYMS_H
#define FAULTLINE_KALLSYMS_H

#include "kernel/types.h"

/*
 * kallsyms_lookup - find the function containing @addr.
 * Returns its name and sets *@offset (addr - start) and *@size (the symbol's size), or
 * returns NULL when @addr is not inside any known kernel symbol.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);

/* kallsyms_lookup_name - the address of symbol @name, or 0. */
unsigned long kallsyms_lookup_name(const char *name);

#endif
