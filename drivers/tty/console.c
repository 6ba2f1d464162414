/*
 * drivers/tty/console.c - /dev/console: user programs' terminal on a 16550 serial port.
 *
 * Output goes straight to the UART. Input is polled: Faultline does not take serial
 * interrupts, so a reader that finds nothing waiting calls schedule() to let others run and
 * looks again. There is no line discipline beyond what a teaching shell needs: received bytes
 * are echoed (a backspace or DEL as "\b \b", so the terminal rubs the character out), CR
 * becomes LF, and a read returns as soon as at least one byte has arrived; editing the line
 * is left to the program.
 */
#include "drivers/tty/console.h"
#include "drivers/tty/serial.h"
#include "kernel/multiboot2.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "fs/poll.h"
#include "kernel/io.h"
#include "kernel/printk.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

#define TIOCGWINSZ	0x5413

/* struct winsize - TIOCGWINSZ's answer (Linux's asm-generic/termios.h). */
struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

static u16 console_port = COM1_PORT;

void console_init(void)
{
	char buf[16];

	if (!cmdline_value("userconsole", buf, sizeof(buf)))
		return;
	if (strcmp(buf, "ttyS1") == 0) {
		if (console_port != COM2_PORT)
			serial_init(COM2_PORT);
		console_port = COM2_PORT;
	} else if (strcmp(buf, "ttyS0") != 0) {
		pr_warn("console: userconsole=%s unknown (ttyS0 or ttyS1), using ttyS0\n", buf);
	}
}

/*
 * console_write - send @count bytes of @buf to the console port, giving the CPU away between
 * chunks when the time slice is up. Returns the bytes sent (short if @buf faults part-way),
 * or -EFAULT if nothing could be read from @buf.
 */
static ssize_t console_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	char kbuf[256];
	size_t done = 0;

	(void)file; (void)pos;
	while (done < count) {
		size_t chunk = min(count - done, sizeof(kbuf));
		size_t got = chunk - copy_from_user(kbuf, buf + done, chunk);

		serial_write(console_port, kbuf, got);
		done += got;
		if (got < chunk)
			return done ? (ssize_t)done : -EFAULT;
		cond_resched();		/* a UART is slow: megabytes take seconds */
	}
	return (ssize_t)done;
}

/*
 * console_read - wait until at least one byte has arrived, then return what is waiting (up to
 * @count bytes, stopping after a newline). Input is echoed; CR is turned into LF. Returns the
 * byte count (the bytes copied before a fault in @buf), -EAGAIN for O_NONBLOCK with nothing
 * waiting, -EINTR if a signal came first, or -EFAULT if no byte could be stored in @buf.
 */
static ssize_t console_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	char kbuf[128];
	size_t n = 0;
	int c;

	(void)pos;
	if (!count)
		return 0;
	if (count > sizeof(kbuf))
		count = sizeof(kbuf);
	while (n < count) {
		c = serial_getc(console_port);
		if (c < 0) {
			if (n)
				break;		/* return what has arrived */
			if (file->f_flags & O_NONBLOCK)
				return -EAGAIN;
			if (signal_pending(current))
				return -EINTR;
			schedule();		/* no serial interrupt: poll again later */
			continue;
		}
		if (c == '\r')
			c = '\n';
		if (c == 0x7f || c == '\b')
			serial_write(console_port, "\b \b", 3);	/* echo a rub-out */
		else
			serial_putc(console_port, (char)c);		/* echo */
		kbuf[n++] = (char)c;
		if (c == '\n')
			break;
	}
	/* A buffer that faults part-way gets what fits before the fault (the rest of the input
	 * is lost, as it has been echoed already). */
	n -= copy_to_user(buf, kbuf, n);
	return n ? (ssize_t)n : -EFAULT;
}

/*
 * console_ioctl - the console is a terminal: TIOCGWINSZ reports 80x24 (so that isatty() is
 * true and C libraries line-buffer their output, as on a Linux tty). Everything else is
 * -ENOTTY. Returns 0, -EFAULT or -ENOTTY.
 */
static long console_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };

	(void)file;
	if (cmd != TIOCGWINSZ)
		return -ENOTTY;
	return copy_to_user((void __user *)arg, &ws, sizeof(ws)) ? -EFAULT : 0;
}

/*
 * console_poll - f_op->poll: readable when the UART holds a received byte (its line status
 * says data ready), always writable. The UART raises no receive interrupt here, so there is
 * no queue to wake a poller: poll_wait(NULL) makes it look again every tick.
 */
static unsigned int console_poll(struct file *file, poll_table *pt)
{
	unsigned int mask = POLLOUT | POLLWRNORM;

	poll_wait(file, NULL, pt);
	if (inb(console_port + 5) & 0x01)		/* UART_LSR & UART_LSR_DR */
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

const struct file_operations console_fops = {
	.poll = console_poll,
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
};
