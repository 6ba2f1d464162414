/*
 * drivers/tty/console.c - /dev/console: user programs' terminal on a 16550 serial port
 * (COM1, shared with the kernel log, or COM2 with "userconsole=ttyS1").
 *
 * The port interrupts at every received byte; the handler hands each one to the line
 * discipline (n_tty.c), which edits lines, echoes, and turns ^C into SIGINT for the
 * foreground process group even while that group spins in user mode: the signal is only set
 * pending here, and taken when the interrupt returns to user mode. Reads, writes and ioctls
 * are the terminal's (n_tty.c, tty_ioctl.c, tty_jobctrl.c); poll asks the line discipline.
 */
#include "drivers/tty/console.h"
#include "drivers/tty/tty.h"
#include "drivers/tty/serial.h"
#include "kernel/multiboot2.h"
#include "kernel/irq.h"
#include "fs/poll.h"
#include "kernel/printk.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

struct tty_struct console_tty;

/* console_interrupt - the UART's receive interrupt: every waiting byte to the line
 * discipline (interrupts are off in a handler). */
static void console_interrupt(struct pt_regs *regs)
{
	int c;

	(void)regs;
	while ((c = serial_getc(console_tty.port)) >= 0)
		n_tty_receive_char(&console_tty, (u8)c);
}

void console_init(void)
{
	char buf[16];
	u16 port = COM1_PORT;

	if (cmdline_value("userconsole", buf, sizeof(buf))) {
		if (strcmp(buf, "ttyS1") == 0) {
			serial_init(COM2_PORT);
			port = COM2_PORT;
		} else if (strcmp(buf, "ttyS0") != 0) {
			pr_warn("console: userconsole=%s unknown (ttyS0 or ttyS1), using ttyS0\n", buf);
		}
	}
	n_tty_init(&console_tty, port);
	if (request_irq(port == COM1_PORT ? COM1_IRQ : COM2_IRQ, console_interrupt)) {
		pr_warn("console: cannot get the serial interrupt\n");
		return;
	}
	serial_enable_rx_irq(port);
}

static ssize_t console_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	(void)pos;
	return n_tty_read(&console_tty, file, buf, count);
}

static ssize_t console_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	(void)file; (void)pos;
	return n_tty_write(&console_tty, buf, count);
}

static long console_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	return tty_ioctl(&console_tty, file, cmd, arg);
}

/*
 * console_poll - f_op->poll: readable when a read would not sleep (n_tty_input_available: a
 * complete line in canonical mode, a byte otherwise), always writable. The receive interrupt
 * wakes read_wait, so a poller sleeps on it rather than looking every tick.
 */
static unsigned int console_poll(struct file *file, poll_table *pt)
{
	unsigned int mask = POLLOUT | POLLWRNORM;

	poll_wait(file, &console_tty.read_wait, pt);
	if (n_tty_input_available(&console_tty))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

const struct file_operations console_fops = {
	.poll = console_poll,
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
};
