/*
 * kernel/desc.h - segment selectors, the GDT/TSS and the IDT (x86 descriptor tables).
 *
 * The GDT has Linux's x86-64 layout, which SYSCALL/SYSRET dictate: the kernel's CS and SS are
 * adjacent (STAR[47:32]) and the user's SS and 64-bit CS follow a 32-bit user CS (STAR[63:48]).
 */
#ifndef FAULTLINE_DESC_H
#define FAULTLINE_DESC_H

#define GDT_ENTRY_KERNEL32_CS	1
#define GDT_ENTRY_KERNEL_CS	2
#define GDT_ENTRY_KERNEL_DS	3
#define GDT_ENTRY_USER32_CS	4
#define GDT_ENTRY_USER_DS	5
#define GDT_ENTRY_USER_CS	6
#define GDT_ENTRY_TSS		7	/* 16 bytes: entries 7 and 8 */
#define GDT_ENTRIES		9

#define __KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)		/* 0x10 */
#define __KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)		/* 0x18 */
#define __USER32_CS	(GDT_ENTRY_USER32_CS * 8 + 3)		/* 0x23 */
#define __USER_DS	(GDT_ENTRY_USER_DS * 8 + 3)		/* 0x2b */
#define __USER_CS	(GDT_ENTRY_USER_CS * 8 + 3)		/* 0x33 */
#define GDT_TSS_SEL	(GDT_ENTRY_TSS * 8)			/* 0x38 */

/* Interrupt stack table slots (TSS.IST1..7) for exceptions that need a known-good stack. */
#define IST_DOUBLEFAULT	1
#define IST_NMI		2
#define IST_MCE		3

#define FIRST_EXTERNAL_VECTOR	32	/* IRQ 0..15 are remapped to vectors 32..47 */
#define NR_VECTORS		48

#ifndef __ASSEMBLER__
#include "kernel/types.h"

/* cpu_init_tables - load the GDT (with the TSS) and the IDT on this CPU. */
void cpu_init_tables(void);

/* set_kernel_stack - the stack the CPU switches to on a trap from ring 3 (TSS.RSP0). */
void set_kernel_stack(unsigned long top);

/* The IST stacks, exported so the self tests and panic can recognize them. */
extern u8 doublefault_stack[], nmi_stack[];
#endif

#endif
