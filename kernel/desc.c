/*
 * kernel/desc.c - the GDT, the TSS with its IST stacks, and the IDT.
 *
 * Double fault, NMI and machine check run on their own IST stacks: a double fault caused by a
 * kernel stack overflow must not push onto the overflowed stack, and an NMI can arrive anywhere.
 */
#include "kernel/desc.h"
#include "kernel/lib/string.h"

struct tss_struct {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 io_bitmap_base;
} __packed;

struct gate_desc {
	u16 offset_low;
	u16 segment;
	u8 ist;
	u8 type_attr;		/* P, DPL, type (0xe: 64-bit interrupt gate) */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

struct desc_ptr {
	u16 size;
	u64 address;
} __packed;

#define IST_STACK_SIZE	8192

u8 doublefault_stack[IST_STACK_SIZE] __aligned(16);
u8 nmi_stack[IST_STACK_SIZE] __aligned(16);
static u8 mce_stack[IST_STACK_SIZE] __aligned(16);

static struct tss_struct tss __aligned(16);
static u64 gdt[GDT_ENTRIES] __aligned(16);
static struct gate_desc idt[256] __aligned(16);

/* The entry stubs in kernel/entry.asm, one per vector 0..NR_VECTORS-1. */
extern const unsigned long trap_entry_table[NR_VECTORS];

/* A code/data descriptor: flags is the access byte plus the L/D/G bits in bits 12..15. */
static u64 seg_desc(u8 access, u8 flags)
{
	return 0xffffULL | (0xfULL << 48) | ((u64)access << 40) | ((u64)flags << 52);
}

static void set_gate(int vec, unsigned long handler, int ist, int dpl)
{
	struct gate_desc *g = &idt[vec];

	g->offset_low = handler & 0xffff;
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->segment = __KERNEL_CS;
	g->ist = ist;
	g->type_attr = 0x80 | (dpl << 5) | 0xe;
	g->reserved = 0;
}

void set_kernel_stack(unsigned long top)
{
	tss.rsp[0] = top;
}

void cpu_init_tables(void)
{
	struct desc_ptr gdtr, idtr;
	unsigned long tss_base = (unsigned long)&tss;

	gdt[0] = 0;
	gdt[GDT_ENTRY_KERNEL32_CS] = seg_desc(0x9a, 0xc);	/* present, ring 0, code; D, G */
	gdt[GDT_ENTRY_KERNEL_CS] = seg_desc(0x9a, 0xa);		/* ring 0 code; L, G */
	gdt[GDT_ENTRY_KERNEL_DS] = seg_desc(0x92, 0xc);		/* ring 0 data */
	gdt[GDT_ENTRY_USER32_CS] = seg_desc(0xfa, 0xc);		/* ring 3 code, 32-bit */
	gdt[GDT_ENTRY_USER_DS] = seg_desc(0xf2, 0xc);		/* ring 3 data */
	gdt[GDT_ENTRY_USER_CS] = seg_desc(0xfa, 0xa);		/* ring 3 code, 64-bit */

	memset(&tss, 0, sizeof(tss));
	tss.ist[IST_DOUBLEFAULT - 1] = (u64)(doublefault_stack + IST_STACK_SIZE);
	tss.ist[IST_NMI - 1] = (u64)(nmi_stack + IST_STACK_SIZE);
	tss.ist[IST_MCE - 1] = (u64)(mce_stack + IST_STACK_SIZE);
	tss.io_bitmap_base = sizeof(tss);			/* no I/O bitmap: ring 3 has no ports */
	/* 64-bit TSS descriptor: type 9 (available TSS), present; base split over 16 bytes. */
	gdt[GDT_ENTRY_TSS] = (sizeof(tss) - 1) | ((tss_base & 0xffffff) << 16) |
			     (0x89ULL << 40) | (((tss_base >> 24) & 0xff) << 56);
	gdt[GDT_ENTRY_TSS + 1] = tss_base >> 32;

	gdtr.size = sizeof(gdt) - 1;
	gdtr.address = (u64)gdt;
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movl %%eax, %%fs\n\t"
		"movl %%eax, %%gs\n\t"
		"ltr %w3"
		:: "m"(gdtr), "i"(__KERNEL_CS), "i"(__KERNEL_DS), "r"(GDT_TSS_SEL) : "rax", "memory");

	for (int v = 0; v < NR_VECTORS; v++)
		set_gate(v, trap_entry_table[v], 0, 0);
	set_gate(2, trap_entry_table[2], IST_NMI, 0);
	set_gate(8, trap_entry_table[8], IST_DOUBLEFAULT, 0);
	set_gate(18, trap_entry_table[18], IST_MCE, 0);
	set_gate(3, trap_entry_table[3], 0, 3);			/* int3 allowed from ring 3 */

	idtr.size = sizeof(idt) - 1;
	idtr.address = (u64)idt;
	__asm__ __volatile__("lidt %0" :: "m"(idtr));
}
