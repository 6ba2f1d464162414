/*
 * fs/pipe.c - pipes: a 4 KiB ring buffer between a writing and a reading file (Linux's
 * fs/pipe.c, with one page instead of a ring of pages).
 *
 * pipe() makes an inode that exists nowhere in the tree, with the buffer in i_private, and two
 * open files on it: fds[0] reads, fds[1] writes. A reader waits (on rd_wait) while the buffer
 * is empty and some writer remains; with no writers left an empty pipe reads as end of file.
 * A writer waits (on wr_wait) for room; writes of up to PIPE_BUF bytes go in whole, never
 * interleaved with other writers; with no readers left a write fails with -EPIPE (Linux also
 * sends SIGPIPE; Faultline only returns the error). Readers and writers are counted per open
 * file, so fork's copies of a descriptor share one count, and the last fput() of the last end
 * frees the buffer.
 */
#include "fs/syscalls.h"
#include "fs/inode.h"
#include "fs/file.h"
#include "fs/file_table.h"
#include "fs/poll.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "kernel/wait.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

#define PIPE_SIZE	PAGE_SIZE	/* the buffer */
#define PIPE_BUF	PAGE_SIZE	/* writes up to this size are atomic (POSIX) */
#define O_DIRECT	00040000

struct pipe_inode_info {
	char *buf;			/* PIPE_SIZE bytes, a page of its own */
	size_t head;			/* where the oldest unread byte is */
	size_t len;			/* unread bytes */
	unsigned int readers, writers;	/* open files on each end */
	struct wait_queue_head rd_wait;	/* readers waiting for data */
	struct wait_queue_head wr_wait;	/* writers waiting for room */
};

/*
 * pipe_read - copy up to @count buffered bytes to @buf, waiting for some if the pipe is empty
 * and has a writer. Returns the bytes read, 0 at end of file (empty, no writers), -EAGAIN
 * (O_NONBLOCK and empty), -ERESTARTSYS (a signal while waiting: restarted after a SA_RESTART
 * handler, else -EINTR) or -EFAULT (@buf faulted before a
 * whole chunk was copied; as on Linux, the bytes of that chunk stay in the pipe).
 */
static ssize_t pipe_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	struct pipe_inode_info *pipe = file->f_inode->i_private;
	size_t done = 0;

	(void)pos;
	if (!count)
		return 0;
	if (!pipe->len && pipe->writers) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		int err = wait_event_interruptible(pipe->rd_wait, pipe->len || !pipe->writers);

		if (err)
			return err;
	}
	while (done < count && pipe->len) {
		size_t chunk = min(min(count - done, pipe->len), PIPE_SIZE - pipe->head);

		/* A chunk that faults part-way is not consumed: its bytes stay in the pipe
		 * (Linux's pipe_read keeps a buffer it could not copy whole). */
		if (copy_to_user(buf + done, pipe->buf + pipe->head, chunk))
			break;
		pipe->head = (pipe->head + chunk) % PIPE_SIZE;
		pipe->len -= chunk;
		done += chunk;
	}
	if (done)
		wake_up(&pipe->wr_wait);
	else if (pipe->len)
		return -EFAULT;
	return (ssize_t)done;
}

/*
 * pipe_write - copy @count bytes from @buf into the pipe, waiting for room as needed (all of a
 * write of up to PIPE_BUF bytes at once). Returns @count, or fewer if interrupted; if nothing
 * was written: -EPIPE (no readers; SIGPIPE is sent too, written or not, as Linux does),
 * -EAGAIN (O_NONBLOCK and no room), -ERESTARTSYS (a signal while waiting) or -EFAULT.
 */
static ssize_t pipe_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	struct pipe_inode_info *pipe = file->f_inode->i_private;
	size_t done = 0, need = count <= PIPE_BUF ? count : 1;
	ssize_t err = 0;

	(void)pos;
	while (done < count) {
		size_t tail, chunk, left;

		if (!pipe->readers) {
			send_signal_info(current, SIGPIPE, &(struct ksiginfo){ .code = SI_USER,
									   .pid = current->pid });
			err = -EPIPE;
			break;
		}
		if (PIPE_SIZE - pipe->len < need) {
			if (file->f_flags & O_NONBLOCK) {
				err = -EAGAIN;
				break;
			}
			err = wait_event_interruptible(pipe->wr_wait, PIPE_SIZE - pipe->len >= need ||
						       !pipe->readers);
			if (err)
				break;
			continue;
		}
		tail = (pipe->head + pipe->len) % PIPE_SIZE;
		chunk = min(min(count - done, PIPE_SIZE - pipe->len), PIPE_SIZE - tail);
		left = copy_from_user(pipe->buf + tail, buf + done, chunk);
		pipe->len += chunk - left;
		done += chunk - left;
		wake_up(&pipe->rd_wait);
		if (left) {
			err = -EFAULT;
			break;
		}
		need = 1;	/* the atomic part is in; the rest may go in pieces */
	}
	return done ? (ssize_t)done : err;
}

/* pipe_release - one end's last file closed: wake the other side (it sees EOF or EPIPE) and
 * free the buffer when both ends are gone. */
static void pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = inode->i_private;

	if (file_can_read(file))
		pipe->readers--;
	if (file_can_write(file))
		pipe->writers--;
	wake_up(&pipe->rd_wait);
	wake_up(&pipe->wr_wait);
	if (!pipe->readers && !pipe->writers) {
		free_pages((unsigned long)pipe->buf, 0);
		kfree(pipe);
		inode->i_private = NULL;
	}
}

/*
 * pipe_poll - f_op->poll: the read end is readable with data in the pipe and hangs up
 * (POLLHUP) once no writer is left; the write end is writable while there is room (Linux:
 * a free page slot of its 16; this pipe has one page) and in error (POLLERR) once no reader
 * is left.
 */
static unsigned int pipe_poll(struct file *file, poll_table *pt)
{
	struct pipe_inode_info *pipe = file->f_inode->i_private;
	unsigned int mask = 0;

	poll_wait(file, &pipe->rd_wait, pt);
	poll_wait(file, &pipe->wr_wait, pt);
	if (file_can_read(file)) {
		if (pipe->len)
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	}
	if (file_can_write(file)) {
		if (pipe->len < PIPE_SIZE)
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static const struct file_operations pipefifo_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.release = pipe_release,
	.poll = pipe_poll,
};

/*
 * create_pipe_files - a new pipe: res[0] its read end, res[1] its write end (O_NONBLOCK from
 * @flags). Returns 0 or -ENOMEM.
 */
static int create_pipe_files(struct file **res, int flags)
{
	struct pipe_inode_info *pipe;
	struct inode *inode;
	char name[32];

	inode = new_inode(S_IFIFO | 0600);
	if (!inode)
		return -ENOMEM;
	pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);
	if (pipe)
		pipe->buf = (char *)__get_free_pages(GFP_KERNEL, 0);
	if (!pipe || !pipe->buf) {
		kfree(pipe);
		iput(inode);
		return -ENOMEM;
	}
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	inode->i_private = pipe;
	inode->i_fop = &pipefifo_fops;
	inode->i_mapping = NULL;
	snprintf(name, sizeof(name), "pipe:[%lu]", inode->i_ino);

	res[0] = alloc_file(inode, O_RDONLY | (flags & O_NONBLOCK), name);
	if (!IS_ERR(res[0])) {
		pipe->readers = 1;
		res[1] = alloc_file(inode, O_WRONLY | (flags & O_NONBLOCK), name);
		if (!IS_ERR(res[1])) {
			pipe->writers = 1;
			iput(inode);		/* the files hold it */
			return 0;
		}
		fput(res[0]);			/* the last reader: frees the buffer */
	} else {
		free_pages((unsigned long)pipe->buf, 0);
		kfree(pipe);
	}
	iput(inode);
	return -ENOMEM;
}

/*
 * sys_pipe2 - create a pipe and store its read and write descriptors in @fildes[0..1].
 * @flags: O_CLOEXEC, O_NONBLOCK (O_DIRECT is accepted and ignored). Returns 0, -EINVAL (other
 * flags), -EMFILE (fewer than two free descriptors), -ENOMEM or -EFAULT (nothing is left open).
 */
long sys_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = f_dupfd(0, files[0], (unsigned int)flags);
	fd[1] = fd[0] < 0 ? fd[0] : f_dupfd(0, files[1], (unsigned int)flags);
	fput(files[0]);			/* the descriptors hold the files now */
	fput(files[1]);
	if (fd[1] < 0) {
		if (fd[0] >= 0)
			close_fd((unsigned int)fd[0]);
		return fd[1];
	}
	if (copy_to_user(fildes, fd, sizeof(fd))) {
		close_fd((unsigned int)fd[0]);
		close_fd((unsigned int)fd[1]);
		return -EFAULT;
	}
	return 0;
}

/* sys_pipe - pipe2 without flags. */
long sys_pipe(int __user *fildes)
{
	return sys_pipe2(fildes, 0);
}
