/*
 * fs/poll.h - how a file says it is ready, and how poll and select wait for it (Linux's
 * include/linux/poll.h).
 *
 * A file's f_op->poll(file, pt) returns its POLL* mask now and, when @pt is not NULL, calls
 * poll_wait() on every wait queue that is woken when the mask may change; poll and select
 * (fs/select.c) then sleep until one of those queues is woken, a signal comes or the time
 * runs out, and ask every file again. A file with no poll hook is always ready for reading
 * and writing (DEFAULT_POLLMASK: regular files, /dev/null, /proc), as in Linux.
 */
#ifndef FAULTLINE_FS_POLL_H
#define FAULTLINE_FS_POLL_H

#include "fs/fs.h"
#include "kernel/wait.h"

/* The events (Linux's uapi/asm-generic/poll.h). */
#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct poll_wqueues;

/* What f_op->poll is handed: where to queue the caller (NULL: just report the mask). */
typedef struct poll_table_struct {
	struct poll_wqueues *pwq;
} poll_table;

/*
 * poll_wait - from f_op->poll: queue the polling task on @wq, so that a wake_up(@wq) ends
 * its sleep. @wq NULL says the file has no wait queue to offer (the console, which has no
 * receive interrupt): the poller then looks again every tick. Does nothing if @p is NULL.
 * If no memory is left for the queue entry, poll/select fail with -ENOMEM unless something
 * is ready.
 */
void poll_wait(struct file *filp, struct wait_queue_head *wq, poll_table *p);

/* vfs_poll - @file's ready mask (DEFAULT_POLLMASK without a poll hook), queueing on @pt. */
static inline unsigned int vfs_poll(struct file *file, poll_table *pt)
{
	if (!file->f_op->poll)
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

#endif
