/*
 * drivers/tty/tty.h - a terminal: Linux's struct termios as the ioctls pass it, the input
 * buffer of the line discipline (n_tty.c), the window size and who owns the terminal (the
 * session it controls and its foreground process group, tty_jobctrl.c).
 *
 * Faultline has one terminal, the console on a serial port (console.c). Received bytes come
 * in from the UART's interrupt (n_tty_receive_char, interrupts off); readers sleep on
 * read_wait until the line discipline has something for them.
 */
#ifndef FAULTLINE_DRIVERS_TTY_H
#define FAULTLINE_DRIVERS_TTY_H

#include "kernel/types.h"
#include "kernel/wait.h"

/* The kernel's struct termios on x86-64 (asm-generic/termbits.h): 36 bytes, NCCS 19, with
 * c_line. glibc's user-space termios (NCCS 32, speeds) is a different, larger structure. */
#define NCCS	19
struct termios {
	u32 c_iflag;
	u32 c_oflag;
	u32 c_cflag;
	u32 c_lflag;
	u8 c_line;
	u8 c_cc[NCCS];
};

/* c_cc indices */
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5
#define VMIN		6
#define VSWTC		7
#define VSTART		8
#define VSTOP		9
#define VSUSP		10
#define VEOL		11
#define VREPRINT	12
#define VDISCARD	13
#define VWERASE		14
#define VLNEXT		15
#define VEOL2		16
#define _POSIX_VDISABLE	0	/* a c_cc entry of 0 is no character */

/* c_iflag */
#define IGNBRK	0000001
#define BRKINT	0000002
#define ISTRIP	0000040
#define INLCR	0000100
#define IGNCR	0000200
#define ICRNL	0000400
#define IXON	0002000
/* c_oflag */
#define OPOST	0000001
#define ONLCR	0000004
#define OCRNL	0000010
/* c_cflag */
#define B38400	0000017
#define CS8	0000060
#define CREAD	0000200
#define HUPCL	0002000
#define CLOCAL	0004000
/* c_lflag */
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define NOFLSH	0000200
#define ECHOCTL	0001000
#define ECHOKE	0004000
#define IEXTEN	0100000

/* ioctl requests (asm-generic/ioctls.h) */
#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCSBRK		0x5409
#define TCXONC		0x540A
#define TCFLSH		0x540B
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429
/* TCFLSH arguments */
#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2

/* struct winsize - TIOCGWINSZ/TIOCSWINSZ (asm-generic/termios.h). */
struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#define N_TTY_BUF_SIZE	4096	/* a power of two: the indices below run free, masked */

struct file;

/*
 * tty_struct - one terminal. The input buffer is a ring of N_TTY_BUF_SIZE bytes with three
 * free-running indices: read_tail (the next byte a reader takes) <= canon_head (the end of
 * what readers may take: complete lines in canonical mode, everything otherwise) <=
 * read_head (the end of what has been received; canon_head..read_head is the line being
 * edited). eol marks the bytes that end a line, eof those that are the EOF character (which
 * ends a line but is not returned). The interrupt handler writes all of it with interrupts
 * off; readers take from it with interrupts off.
 */
struct tty_struct {
	struct termios termios;
	struct winsize winsize;
	pid_t session;			/* the session it controls; 0: init's (see tty_jobctrl.c) */
	pid_t pgrp;			/* its foreground process group: gets ^C, ^\, ^Z */
	u16 port;			/* the UART */
	unsigned int read_head, canon_head, read_tail;
	char read_buf[N_TTY_BUF_SIZE];
	u8 eol[N_TTY_BUF_SIZE / 8];
	u8 eof[N_TTY_BUF_SIZE / 8];
	struct wait_queue_head read_wait;
};

/* The console, Faultline's one terminal (console.c). */
extern struct tty_struct console_tty;

/* --- n_tty.c: the line discipline --- */

/* n_tty_init - default termios (Linux's tty_std_termios for a serial line), 80x24, empty. */
void n_tty_init(struct tty_struct *tty, u16 port);
/* n_tty_receive_char - one byte from the line (interrupt context, interrupts off): input
 * translation, signal characters, line editing, echo; wakes readers. */
void n_tty_receive_char(struct tty_struct *tty, u8 c);
/* n_tty_read / n_tty_write - the read and write of a file on the terminal (file_operations
 * contract: byte count or -errno; reads end with -ERESTARTSYS on a signal). */
ssize_t n_tty_read(struct tty_struct *tty, struct file *file, char __user *buf, size_t count);
ssize_t n_tty_write(struct tty_struct *tty, const char __user *buf, size_t count);
/* n_tty_flush_input - drop everything received and not yet read. */
void n_tty_flush_input(struct tty_struct *tty);
/* n_tty_readable - bytes a read would get now (FIONREAD). */
unsigned int n_tty_readable(struct tty_struct *tty);
/* n_tty_input_available - would a read return without sleeping (a complete line in
 * canonical mode, a byte otherwise)? For poll: readers wait on read_wait, which is woken
 * whenever this may have become true. */
bool n_tty_input_available(struct tty_struct *tty);

/* --- tty_ioctl.c --- */

/* tty_ioctl - the terminal ioctls (termios, window size, FIONREAD, job control). Returns 0,
 * a positive value for none, or -errno (-ENOTTY for a request no terminal knows). */
long tty_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd, unsigned long arg);

/* --- tty_jobctrl.c: the controlling terminal and its foreground group --- */

/* tty_signal_pgrp - send @sig to the terminal's foreground process group (from the UART
 * interrupt: only sets the signal pending and wakes; delivery happens at return to user). */
void tty_signal_pgrp(struct tty_struct *tty, int sig);
/* tty_jobctrl_ioctl - TIOCGPGRP, TIOCSPGRP, TIOCSCTTY, TIOCNOTTY, TIOCGSID; -ENOIOCTLCMD
 * for any other request. */
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd, unsigned long arg);

#define ENOIOCTLCMD	515	/* internal: "not mine", never returned to user space */

#endif
