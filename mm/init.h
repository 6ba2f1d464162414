/*
 * mm/init.h - bringing up kernel memory at boot.
 */
#ifndef FAULTLINE_MM_INIT_H
#define FAULTLINE_MM_INIT_H

#include "kernel/types.h"

/* Kernel image boundaries from linker.ld. */
extern char _stext[], _etext[], __start_rodata[], __end_rodata[], _sdata[], _edata_bss[];
extern char __start_kallsyms[], _end[], __bss_start[], __bss_stop[];

/*
 * mm_init - from the boot memory map to working allocators: memblock from the e820 map,
 * paging_init() (the direct map and the W^X kernel image; the boot identity map is dropped),
 * mem_map and the buddy allocator, the kmalloc caches and the vmalloc area.
 */
void mm_init(void);

/* mem_print_summary - the boot banner's memory lines: RAM, regions and kernel sections. */
void mem_print_summary(void);

/* Bytes of direct map set up by paging_init (RAM rounded to 2 MiB), for the summary/tests. */
extern unsigned long direct_map_end;

#endif
