/*
 * kernel/irq.c - the 8259A PIC pair: remapped away from the CPU exception vectors (the BIOS
 * leaves IRQ 0-7 on vectors 8-15, which would collide with #DF..#PF), all lines masked until
 * a driver asks for one. Spurious IRQ 7/15 are recognized through the in-service register.
 *
 * A line has either one handler of its own (request_irq: the timer) or up to IRQ_MAX_SHARED
 * shared ones (request_shared_irq: PCI devices, whose INTx pins the chipset may route to one
 * line). PCI lines are level-triggered (the ELCR, ports 0x4d0/0x4d1, says so per line): the
 * EOI is sent before the handlers run, and each handler de-asserts its device's line before
 * the CPU takes interrupts again, so the PIC sees no second request for the same event.
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
#define PIC_ELCR1	0x4d0		/* edge/level control, IRQ 0-7 (bit set: level) */
#define PIC_ELCR2	0x4d1		/* IRQ 8-15 */

struct irqaction {
	irq_shared_handler_t handler;
	void *dev_id;
	const char *name;
};
static struct irqaction irq_actions[16][IRQ_MAX_SHARED];

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
	if (irq_handlers[irq] || irq_actions[irq][0].handler)
		return -EBUSY;
	irq_handlers[irq] = handler;
	irq_mask &= ~(1u << irq);
	pic_write_mask();
	return 0;
}

int request_shared_irq(unsigned int irq, irq_shared_handler_t handler, const char *name, void *dev_id)
{
	unsigned long flags;
	int slot;
	u16 port;

	if (irq >= 16 || irq == 2 || !handler)
		return -EINVAL;
	if (irq_handlers[irq])
		return -EBUSY;
	for (slot = 0; slot < IRQ_MAX_SHARED && irq_actions[irq][slot].handler; slot++)
		;
	if (slot == IRQ_MAX_SHARED)
		return -EBUSY;
	flags = local_irq_save();
	irq_actions[irq][slot] = (struct irqaction){ handler, dev_id, name };
	port = irq < 8 ? PIC_ELCR1 : PIC_ELCR2;
	outb(port, inb(port) | (u8)(1u << (irq & 7)));
	irq_mask &= ~(1u << irq);
	pic_write_mask();
	local_irq_restore(flags);
	return 0;
}

/* handle_shared_irq - run every shared handler of line @irq (each checks its own device). */
static void handle_shared_irq(unsigned int irq)
{
	for (int i = 0; i < IRQ_MAX_SHARED && irq_actions[irq][i].handler; i++)
		irq_actions[irq][i].handler(irq, irq_actions[irq][i].dev_id);
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
	else
		handle_shared_irq(irq);
}
