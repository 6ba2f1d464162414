/*
 * kernel/printk.c - the kernel log, written to the COM1 console.
 *
 * Every line starts with "[seconds.micros] ", time since boot from the TSC (kernel/time.c),
 * as Linux's printk does. A KERN_* prefix selects the level; lines whose level is not below
 * console_loglevel are dropped.
 */
#include "kernel/printk.h"
#include "drivers/tty/serial.h"
#include "kernel/time.h"
#include "kernel/io.h"
#include "kernel/lib/vsprintf.h"

int console_loglevel = 7;	/* print everything but KERN_DEBUG */
static bool line_open;		/* the last message did not end with a newline */

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int level = 6;		/* default: KERN_INFO */
	bool cont = false;
	int len;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else
			level = fmt[1] - '0';
		fmt += 2;
	}
	if (level >= console_loglevel)
		return 0;

	len = vscnprintf(buf, sizeof(buf), fmt, ap);

	unsigned long flags = local_irq_save();
	if (!cont && line_open)
		serial_putc(COM1_PORT, '\n');
	if (!cont || !line_open) {
		char stamp[32];
		u64 us = ktime_get_us();
		int n = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ",
				 (unsigned long)(us / 1000000), (unsigned long)(us % 1000000));
		serial_write(COM1_PORT, stamp, (size_t)n);
	}
	serial_write(COM1_PORT, buf, (size_t)len);
	line_open = len > 0 && buf[len - 1] != '\n';
	local_irq_restore(flags);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
