/*
 * drivers/tty/serial.h - the 16550 UARTs: COM1 is the kernel console, COM2 the user console
 * when the command line asks for one (run-elf separates program output from the kernel log).
 */
#ifndef FAULTLINE_SERIAL_H
#define FAULTLINE_SERIAL_H

#include "kernel/types.h"

#define COM1_PORT	0x3f8
#define COM2_PORT	0x2f8
#define COM1_IRQ	4
#define COM2_IRQ	3

/* serial_init - program a UART for 115200 8N1, FIFOs on, interrupts off. */
void serial_init(u16 port);
/* serial_put_raw - send one byte as it is, waiting for the transmitter. */
void serial_put_raw(u16 port, char c);
/* serial_putc - send one byte, waiting for the transmitter (LF goes out as CR LF). */
void serial_putc(u16 port, char c);
/* serial_write - send @len bytes. */
void serial_write(u16 port, const char *s, size_t len);
/* serial_getc - a received byte, or -1 if none is waiting. */
int serial_getc(u16 port);
/* serial_enable_rx_irq - interrupt (COM1: IRQ 4, COM2: IRQ 3) at every received byte;
 * serial_getc in the handler reads the byte, which clears the request. */
void serial_enable_rx_irq(u16 port);

#endif
