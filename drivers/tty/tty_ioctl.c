/*
 * drivers/tty/tty_ioctl.c - the terminal ioctls (Linux's drivers/tty/tty_ioctl.c and the
 * generic part of tty_io.c): the termios (TCGETS, TCSETS, TCSETSW, TCSETSF), the window size
 * (TIOCGWINSZ, TIOCSWINSZ), FIONREAD, TCFLSH; the job-control requests are in
 * tty_jobctrl.c. tcgetattr/tcsetattr in the C library are these ioctls.
 */
#include "drivers/tty/tty.h"
#include "kernel/io.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

/*
 * set_termios - make @new the terminal's termios (interrupts off, as the UART interrupt
 * reads it). Leaving canonical mode makes the line being edited readable; entering it pushes
 * what is waiting as one line (Linux's n_tty_set_termios does both).
 */
static void set_termios(struct tty_struct *tty, const struct termios *new)
{
	unsigned long flags = local_irq_save();
	bool was_canon = tty->termios.c_lflag & ICANON, canon = new->c_lflag & ICANON;

	tty->termios = *new;
	if (was_canon && !canon) {
		tty->canon_head = tty->read_head;
	} else if (!was_canon && canon && tty->read_head != tty->read_tail) {
		unsigned int last = (tty->read_head - 1) & (N_TTY_BUF_SIZE - 1);

		tty->eol[last / 8] |= (u8)(1u << (last % 8));
		tty->eof[last / 8] &= (u8)~(1u << (last % 8));
		tty->canon_head = tty->read_head;
	}
	local_irq_restore(flags);
	wake_up(&tty->read_wait);		/* VMIN or the mode changed: readers look again */
}

long tty_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct termios tios;
	struct winsize ws;
	long ret;

	switch (cmd) {
	case TCGETS:
		tios = tty->termios;
		return copy_to_user(argp, &tios, sizeof(tios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:		/* output is written synchronously: it has always drained */
	case TCSETSF:
		if (copy_from_user(&tios, argp, sizeof(tios)))
			return -EFAULT;
		if (cmd == TCSETSF)
			n_tty_flush_input(tty);
		set_termios(tty, &tios);
		return 0;
	case TIOCGWINSZ:
		ws = tty->winsize;
		return copy_to_user(argp, &ws, sizeof(ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		if (copy_from_user(&ws, argp, sizeof(ws)))
			return -EFAULT;
		if (memcmp(&ws, &tty->winsize, sizeof(ws))) {
			tty->winsize = ws;
			tty_signal_pgrp(tty, SIGWINCH);
		}
		return 0;
	case FIONREAD:
		return put_user((int)n_tty_readable(tty), (int __user *)argp);
	case TIOCOUTQ:		/* nothing is ever queued for output */
		return put_user(0, (int __user *)argp);
	case TCFLSH:
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH)
			n_tty_flush_input(tty);
		return 0;
	case TCSBRK:		/* tcdrain: output has drained */
	case TCXONC:		/* no flow control */
		return 0;
	}
	ret = tty_jobctrl_ioctl(tty, file, cmd, arg);
	return ret == -ENOIOCTLCMD ? -ENOTTY : ret;
}
