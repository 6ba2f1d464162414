/*
 * kernel/kallsyms.c - looking up the kernel's own symbols.
 *
 * tools/gen-kallsyms writes build/kallsyms.c from `nm -n -S` of a first link: every text
 * symbol's address and size, sorted, and their names as one string block. The build links the
 * kernel again with it; linker.ld puts .kallsyms last so no other address moves.
 */
#include "kernel/kallsyms.h"
#include "kernel/lib/string.h"

extern const unsigned long kallsyms_num;
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_sizes[];
extern const unsigned int kallsyms_name_offsets[];
extern const char kallsyms_names[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	unsigned long lo = 0, hi = kallsyms_num;

	/* Binary search for the last symbol starting at or below addr. */
	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	lo--;
	unsigned long off = addr - kallsyms_addresses[lo];
	unsigned long sz = kallsyms_sizes[lo];
	if (sz && off >= sz)
		return NULL;
	if (offset)
		*offset = off;
	if (size)
		*size = sz;
	return kallsyms_names + kallsyms_name_offsets[lo];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned long i = 0; i < kallsyms_num; i++)
		if (!strcmp(kallsyms_names + kallsyms_name_offsets[i], name))
			return kallsyms_addresses[i];
	return 0;
}
