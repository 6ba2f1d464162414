/*
 * drivers/tty/n_tty.c - the line discipline (Linux's N_TTY): what a terminal does between the
 * wire and read()/write().
 *
 * Input (n_tty_receive_char, from the UART interrupt): ISTRIP, IGNCR/ICRNL/INLCR; with ISIG
 * the INTR, QUIT and SUSP characters (^C, ^\, ^Z) become SIGINT, SIGQUIT and SIGTSTP for the
 * foreground process group and flush the input (unless NOFLSH); with ICANON the line is
 * edited in place (ERASE rubs out a character, WERASE a word, KILL the line) and readers
 * get it only once it is ended by NL, EOL, EOL2 or EOF. ECHO echoes what is typed (control
 * characters as ^X with ECHOCTL, rub-outs as "\b \b" with ECHOE/ECHOKE; ECHONL echoes NL
 * alone). Echo goes straight to the UART from the interrupt.
 *
 * Reads: canonical mode returns at most one line (the EOF character is not returned, so EOF
 * at the start of a line reads 0 bytes); raw mode follows VMIN/VTIME as POSIX says. Readers
 * sleep interruptibly: a signal ends the read with -ERESTARTSYS (restarted after an
 * SA_RESTART handler, else -EINTR), and SIGKILL always ends it.
 *
 * Output (n_tty_write): with OPOST, ONLCR sends NL as CR NL and OCRNL CR as NL.
 *
 * Not done: flow control (IXON: ^S/^Q are ordinary characters), LNEXT, REPRINT, parity,
 * breaks, background-read SIGTTIN and TOSTOP (Faultline has no job-control stops).
 */
#include "drivers/tty/tty.h"
#include "drivers/tty/serial.h"
#include "fs/fs.h"
#include "kernel/io.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

#define MASK(i)		((i) & (N_TTY_BUF_SIZE - 1))
#define L(tty, f)	((tty)->termios.c_lflag & (f))
#define I(tty, f)	((tty)->termios.c_iflag & (f))
#define O(tty, f)	((tty)->termios.c_oflag & (f))
#define CC(tty, v)	((tty)->termios.c_cc[v])

/* Linux's INIT_C_CC: ^C ^\ DEL ^U ^D, TIME 0, MIN 1, ^Q ^S ^Z, ^R ^O ^W ^V. */
static const u8 init_c_cc[NCCS] = {
	[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025, [VEOF] = 004,
	[VTIME] = 0, [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032,
	[VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026,
};

void n_tty_init(struct tty_struct *tty, u16 port)
{
	memset(tty, 0, sizeof(*tty));
	tty->termios.c_iflag = ICRNL | IXON;
	tty->termios.c_oflag = OPOST | ONLCR;
	tty->termios.c_cflag = B38400 | CS8 | CREAD | HUPCL | CLOCAL;
	tty->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(tty->termios.c_cc, init_c_cc, NCCS);
	tty->winsize = (struct winsize){ .ws_row = 24, .ws_col = 80 };
	tty->port = port;
	init_waitqueue_head(&tty->read_wait);
}

static bool test_mark(const u8 *map, unsigned int i)
{
	return map[MASK(i) / 8] & (1u << (MASK(i) % 8));
}

static void set_mark(u8 *map, unsigned int i, bool on)
{
	if (on)
		map[MASK(i) / 8] |= (u8)(1u << (MASK(i) % 8));
	else
		map[MASK(i) / 8] &= (u8)~(1u << (MASK(i) % 8));
}

/* --- output ------------------------------------------------------------------------------ */

/* opost_char - send @c with output processing (OPOST: ONLCR, OCRNL). */
static void opost_char(struct tty_struct *tty, u8 c)
{
	if (O(tty, OPOST)) {
		if (c == '\n' && O(tty, ONLCR))
			serial_put_raw(tty->port, '\r');
		else if (c == '\r' && O(tty, OCRNL))
			c = '\n';
	}
	serial_put_raw(tty->port, (char)c);
}

/* is_ctl - a control character echoed as ^X under ECHOCTL (not TAB or NL). */
static bool is_ctl(u8 c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

/* echo_char - echo one input character: ^X for a control character with ECHOCTL. */
static void echo_char(struct tty_struct *tty, u8 c)
{
	if (L(tty, ECHOCTL) && is_ctl(c)) {
		opost_char(tty, '^');
		opost_char(tty, c == 0x7f ? '?' : c ^ 0x40);
	} else {
		opost_char(tty, c);
	}
}

/* rub_out - erase @c from the screen: one "\b \b", two for a ^X. */
static void rub_out(struct tty_struct *tty, u8 c)
{
	int n = L(tty, ECHOCTL) && is_ctl(c) ? 2 : 1;

	if (c == '\t')		/* the column is not tracked: a tab is rubbed out as one */
		n = 1;
	while (n--) {
		serial_put_raw(tty->port, '\b');
		serial_put_raw(tty->port, ' ');
		serial_put_raw(tty->port, '\b');
	}
}

/* --- input ------------------------------------------------------------------------------- */

/* put_char - append @c to the line being received, if there is room. One byte stays free in
 * canonical mode for the newline that ends a full line (Linux does the same). */
static bool put_char(struct tty_struct *tty, u8 c, bool room_for_eol)
{
	unsigned int used = tty->read_head - tty->read_tail;

	if (used >= N_TTY_BUF_SIZE - (room_for_eol ? 0 : 1))
		return false;
	tty->read_buf[MASK(tty->read_head)] = (char)c;
	set_mark(tty->eol, tty->read_head, false);
	set_mark(tty->eof, tty->read_head, false);
	tty->read_head++;
	return true;
}

/* commit_line - the line being edited ends at the byte just put: readers may have it. */
static void commit_line(struct tty_struct *tty, bool is_eof)
{
	set_mark(tty->eol, tty->read_head - 1, true);
	set_mark(tty->eof, tty->read_head - 1, is_eof);
	tty->canon_head = tty->read_head;
	wake_up(&tty->read_wait);
}

/* eraser - ERASE (one character), WERASE (a word and the blanks after it) or KILL (the
 * line), within the line being edited; echoed as rub-outs with ECHOE (ECHOKE for KILL), else
 * as the character itself (and a newline for KILL with ECHOK). */
static void eraser(struct tty_struct *tty, u8 c)
{
	bool kill = c == CC(tty, VKILL), word = !kill && c != CC(tty, VERASE);
	bool seen_word = false;

	if (tty->read_head == tty->canon_head)
		return;
	if (kill && L(tty, ECHO) && !L(tty, ECHOKE)) {
		echo_char(tty, c);
		if (L(tty, ECHOK))
			opost_char(tty, '\n');
		tty->read_head = tty->canon_head;
		return;
	}
	while (tty->read_head != tty->canon_head) {
		u8 last = (u8)tty->read_buf[MASK(tty->read_head - 1)];

		if (word) {
			bool blank = last == ' ' || last == '\t';

			if (blank && seen_word)
				break;
			seen_word |= !blank;
		}
		tty->read_head--;
		if (L(tty, ECHO)) {
			if (L(tty, ECHOE) || (kill && L(tty, ECHOKE)))
				rub_out(tty, last);
			else if (!kill)
				echo_char(tty, c);
		}
		if (!kill && !word)
			break;
	}
}

/* isig - a signal character: flush the input (unless NOFLSH), echo it, signal the
 * foreground group. */
static void isig(struct tty_struct *tty, u8 c, int sig)
{
	if (!L(tty, NOFLSH)) {
		tty->read_head = tty->canon_head = tty->read_tail;
	}
	if (L(tty, ECHO))
		echo_char(tty, c);
	tty_signal_pgrp(tty, sig);
}

void n_tty_receive_char(struct tty_struct *tty, u8 c)
{
	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (c == '\r') {
		if (I(tty, IGNCR))
			return;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ISIG) && c != _POSIX_VDISABLE) {
		int sig = c == CC(tty, VINTR) ? SIGINT : c == CC(tty, VQUIT) ? SIGQUIT :
			  c == CC(tty, VSUSP) ? SIGTSTP : 0;

		if (sig) {
			isig(tty, c, sig);
			return;
		}
	}
	if (!L(tty, ICANON)) {
		if (put_char(tty, c, true)) {
			if (L(tty, ECHO))
				echo_char(tty, c);
			tty->canon_head = tty->read_head;
			wake_up(&tty->read_wait);
		}
		return;
	}
	if (c != _POSIX_VDISABLE && (c == CC(tty, VERASE) || c == CC(tty, VKILL) ||
				     (c == CC(tty, VWERASE) && L(tty, IEXTEN)))) {
		eraser(tty, c);
		return;
	}
	if (c == '\n' || (c != _POSIX_VDISABLE && (c == CC(tty, VEOL) || c == CC(tty, VEOL2)))) {
		if (!put_char(tty, c, true))
			return;
		if (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL)))
			echo_char(tty, c);
		commit_line(tty, false);
		return;
	}
	if (c != _POSIX_VDISABLE && c == CC(tty, VEOF)) {
		if (put_char(tty, c, true))
			commit_line(tty, true);		/* not echoed */
		return;
	}
	if (put_char(tty, c, false) && L(tty, ECHO))
		echo_char(tty, c);
}

void n_tty_flush_input(struct tty_struct *tty)
{
	unsigned long flags = local_irq_save();

	tty->read_head = tty->canon_head = tty->read_tail;
	local_irq_restore(flags);
}

unsigned int n_tty_readable(struct tty_struct *tty)
{
	unsigned long flags = local_irq_save();
	unsigned int n = 0, i;

	if (!L(tty, ICANON)) {
		n = tty->canon_head - tty->read_tail;
	} else {	/* complete lines, without their EOF characters */
		for (i = tty->read_tail; i != tty->canon_head; i++)
			n += !test_mark(tty->eof, i);
	}
	local_irq_restore(flags);
	return n;
}

/* --- read and write ---------------------------------------------------------------------- */

/* available - bytes readers may take now (complete lines in canonical mode). */
static unsigned int available(struct tty_struct *tty)
{
	return tty->canon_head - tty->read_tail;
}

bool n_tty_input_available(struct tty_struct *tty)
{
	return available(tty) != 0;
}

/*
 * take - move up to @count bytes out of the buffer into @kbuf (interrupts off). Canonical
 * mode stops after the end of a line and drops an EOF character (consumed, not copied).
 * Returns the bytes taken.
 */
static size_t take(struct tty_struct *tty, char *kbuf, size_t count, bool canon)
{
	unsigned long flags = local_irq_save();
	size_t n = 0;

	while (n < count && tty->read_tail != tty->canon_head) {
		unsigned int i = tty->read_tail++;

		if (canon && test_mark(tty->eof, i))
			break;
		kbuf[n++] = tty->read_buf[MASK(i)];
		if (canon && test_mark(tty->eol, i))
			break;
	}
	local_irq_restore(flags);
	return n;
}

/*
 * wait_input - sleep until at least @want bytes (complete lines in canonical mode: 1) can be
 * taken, or until @deadline_ns (0: none) has passed. Returns 0 (also on a timeout),
 * -EAGAIN for O_NONBLOCK with less than @want waiting, or -ERESTARTSYS for a signal.
 */
static int wait_input(struct tty_struct *tty, struct file *file, unsigned int want, u64 deadline_ns)
{
	if (available(tty) >= want)
		return 0;
	if (file->f_flags & O_NONBLOCK)
		return -EAGAIN;
	if (!deadline_ns)
		return wait_event_interruptible(tty->read_wait, available(tty) >= want);
	/* VTIME: look again every 10 ms (schedule_timeout_ns sleeps its whole time). */
	while (available(tty) < want && ktime_get_ns() < deadline_ns) {
		u64 next = ktime_get_ns() + 10000000ULL;

		if (schedule_timeout_ns(next < deadline_ns ? next : deadline_ns))
			return -ERESTARTSYS;
	}
	return 0;
}

ssize_t n_tty_read(struct tty_struct *tty, struct file *file, char __user *buf, size_t count)
{
	char kbuf[256];
	bool canon = L(tty, ICANON);
	unsigned int vmin = CC(tty, VMIN), vtime = CC(tty, VTIME);
	size_t n;
	int err;

	if (!count)
		return 0;
	if (count > sizeof(kbuf))
		count = sizeof(kbuf);
	if (canon) {
		err = wait_input(tty, file, 1, 0);
	} else {
		unsigned int want = vmin < count ? vmin : (unsigned int)count;
		u64 tmo = vtime ? ktime_get_ns() + vtime * 100000000ULL : 0;

		if (!want && !vtime) {			/* MIN 0, TIME 0: whatever is there */
			err = 0;
		} else if (!want) {			/* MIN 0, TIME t: one byte or the timeout */
			err = wait_input(tty, file, 1, tmo);
		} else {
			err = wait_input(tty, file, vtime ? 1 : want, 0);
			/* MIN m, TIME t: after the first byte, more until m or a gap of t */
			while (!err && vtime && available(tty) < want) {
				unsigned int had = available(tty);

				err = wait_input(tty, file, had + 1, ktime_get_ns() + vtime * 100000000ULL);
				if (available(tty) == had)
					break;
			}
			if (err && available(tty))	/* a signal or O_NONBLOCK after some bytes */
				err = 0;
		}
	}
	if (err)
		return err;
	n = take(tty, kbuf, count, canon);
	if (!n)
		return 0;			/* EOF, or raw mode with nothing in time */
	/* The bytes are out of the buffer: a fault part-way loses the rest, as in Linux. */
	n -= copy_to_user(buf, kbuf, n);
	return n ? (ssize_t)n : -EFAULT;
}

ssize_t n_tty_write(struct tty_struct *tty, const char __user *buf, size_t count)
{
	char kbuf[256];
	size_t done = 0;

	while (done < count) {
		size_t chunk = min(count - done, sizeof(kbuf));
		size_t got = chunk - copy_from_user(kbuf, buf + done, chunk);

		for (size_t i = 0; i < got; i++)
			opost_char(tty, (u8)kbuf[i]);
		done += got;
		if (got < chunk)
			return done ? (ssize_t)done : -EFAULT;
		cond_resched();		/* a UART is slow: megabytes take seconds */
	}
	return (ssize_t)done;
}
