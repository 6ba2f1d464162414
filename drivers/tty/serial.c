/*
 * drivers/tty/serial.c - the 16550 UART driver: output polled; input polled, or by interrupt
 * for the user console (console.c). COM1 carries the kernel log.
 */
#include "drivers/tty/serial.h"
#include "kernel/io.h"

#define UART_DATA	0	/* receive/transmit buffer (divisor low with DLAB) */
#define UART_IER	1	/* interrupt enable (divisor high with DLAB) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_LSR_DR	0x01	/* data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_IER_RDI	0x01	/* interrupt when a byte has been received */
#define UART_MCR_OUT2	0x08	/* on a PC, gates the UART's interrupt line to the PIC */

void serial_init(u16 port)
{
	outb(port + UART_IER, 0x00);
	outb(port + UART_LCR, 0x80);	/* DLAB: the next two bytes are the divisor */
	outb(port + UART_DATA, 0x01);	/* 115200 / 1 */
	outb(port + UART_IER, 0x00);
	outb(port + UART_LCR, 0x03);	/* 8 data bits, no parity, 1 stop bit */
	outb(port + UART_FCR, 0xc7);	/* FIFOs on and cleared, 14-byte trigger */
	outb(port + UART_MCR, 0x03);	/* DTR, RTS */
}

void serial_put_raw(u16 port, char c)
{
	while (!(inb(port + UART_LSR) & UART_LSR_THRE))
		;
	outb(port + UART_DATA, (u8)c);
}

void serial_putc(u16 port, char c)
{
	if (c == '\n')
		serial_put_raw(port, '\r');
	serial_put_raw(port, c);
}

void serial_write(u16 port, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		serial_putc(port, s[i]);
}

int serial_getc(u16 port)
{
	if (!(inb(port + UART_LSR) & UART_LSR_DR))
		return -1;
	return inb(port + UART_DATA);
}

void serial_enable_rx_irq(u16 port)
{
	outb(port + UART_FCR, 0x07);	/* FIFOs on and cleared, interrupt at every byte */
	outb(port + UART_MCR, 0x0b);	/* DTR, RTS, OUT2 */
	outb(port + UART_IER, UART_IER_RDI);
}
