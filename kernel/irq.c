/*
 * kernel/irq.c - the 8259A PIC pair: remapped away from the CPU exception vectors (the BIOS
 * leaves IRQ 0-7 on vectors 8-15, which would collide with #DF..#PF), all lines masked until
 * a driver asks for one. Spurious IRQ 7/15 are recognized through the in-service register.
 */
#include "kernel/irq.h"
#include "kernel/traps.h"
#include "kernel/desc.h"
#include "kernel/io.h"
#include "kernel/errno.h"
#include "kernel/printk.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define PIC_EOI		0x20
#define PIC_READ_ISR	0x0b

static irq_handler_t irq_handlers[16];
static unsigned long irq_counts[16];
static u16 irq_mask = 0xffff;

static void pic_write_mask(void)
{
	outb(PIC1_DATA, irq_mask & 0xff);
	outb(PIC2_DATA, irq_mask >> 8);
}

void init_IRQ(void)
{
	/* ICW1: edge-triggered, cascade, ICW4 needed. ICW2: vector base. ICW3: wiring. ICW4: 8086. */
	outb(PIC1_CMD, 0x11); io_delay();
	outb(PIC2_CMD, 0x11); io_delay();
	outb(PIC1_DATA, FIRST_EXTERNAL_VECTOR); io_delay();
	outb(PIC2_DATA, FIRST_EXTERNAL_VECTOR + 8); io_delay();
	outb(PIC1_DATA, 0x04); io_delay();	/* slave on IRQ 2 */
	outb(PIC2_DATA, 0x02); io_delay();
	outb(PIC1_DATA, 0x01); io_delay();
	outb(PIC2_DATA, 0x01); io_delay();
	irq_mask = 0xffff & ~(1u << 2);		/* cascade line open, everything else masked */
	pic_write_mask();
}

int request_irq(unsigned int irq, irq_handler_t handler)
{
	if (irq >= 16 || !handler)
		return -EINVAL;
	if (irq_handlers[irq])
		return -EBUSY;
	irq_handlers[irq] = handler;
	irq_mask &= ~(1u << irq);
	pic_write_mask();
	return 0;
}

unsigned long irq_count(unsigned int irq)
{
	return irq < 16 ? irq_counts[irq] : 0;
}

void do_irq(struct pt_regs *regs)
{
	unsigned int irq = regs->vector - FIRST_EXTERNAL_VECTOR;

	if (irq == 7 || irq == 15) {	/* spurious unless the in-service bit is set */
		u16 port = irq == 7 ? PIC1_CMD : PIC2_CMD;

		outb(port, PIC_READ_ISR);
		if (!(inb(port) & 0x80)) {
			if (irq == 15)
				outb(PIC1_CMD, PIC_EOI);
			return;
		}
	}
	irq_counts[irq]++;
	/* EOI first: the handler may switch to another task and return much later. */
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
	if (irq_handlers[irq])
		irq_handlers[irq](regs);
}
