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

/* What a shared handler says: the interrupt was its device's (IRQ_HANDLED) or not (IRQ_NONE). */
typedef enum irqreturn { IRQ_NONE, IRQ_HANDLED } irqreturn_t;
typedef irqreturn_t (*irq_shared_handler_t)(unsigned int irq, void *dev_id);

#define IRQ_MAX_SHARED	8	/* handlers one line may carry */

/*
 * request_shared_irq - run @handler(@irq, @dev_id) whenever IRQ line @irq (0..15) fires, beside
 * the other handlers of the line (Linux's request_irq with IRQF_SHARED, for PCI INTx lines).
 * The line is switched to level-triggered in the ELCR, as PCI interrupts are: the device holds
 * it asserted until the handler acknowledges the device (virtio: reads its ISR status), so
 * every handler must acknowledge its own device and return IRQ_NONE if it was not asking.
 * Handlers run with interrupts off and must not sleep. Returns 0, -EINVAL (bad line or NULL
 * handler), -EBUSY (the line has a non-shared handler, or IRQ_MAX_SHARED already).
 */
int request_shared_irq(unsigned int irq, irq_shared_handler_t handler, const char *name, void *dev_id);

/* irq_count - how many times IRQ @irq has fired (for the self tests and /proc/interrupts). */
unsigned long irq_count(unsigned int irq);

#endif
