/*
 * kernel/irq.h - the legacy 8259 PIC pair, remapped to vectors 32..47, and IRQ handlers.
 */
#ifndef FAULTLINE_IRQ_H
#define FAULTLINE_IRQ_H

#include "kernel/ptrace.h"

typedef void (*irq_handler_t)(struct pt_regs *regs);

/* init_IRQ - remap the PICs to vectors 32..47 and mask every line. */
void init_IRQ(void);

/* request_irq - run @handler for IRQ line @irq (0..15) and unmask it. Returns 0 or -EINVAL/-EBUSY. */
int request_irq(unsigned int irq, irq_handler_t handler);

/* irq_count - how many times IRQ @irq has fired (for the self tests and /proc/interrupts). */
unsigned long irq_count(unsigned int irq);

#endif
