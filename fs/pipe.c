/*
 * fs/pipe.c - pipes and FIFOs: a ring of page buffers between writing and reading files
 * (Linux's fs/pipe.c).
 *
 * pipe() makes an inode that exists nowhere in the tree, with the pipe in i_pipe, and two
 * open files on it: fds[0] reads, fds[1] writes. A FIFO is an inode in the tree (mknod
 * S_IFIFO) whose open (def_fifo_fops) makes or finds the same structure.
 *
 * The pipe is Linux's ring of struct pipe_buffer: ring_size slots (PIPE_DEF_BUFFERS, 64 KiB,
 * by default; F_SETPIPE_SZ makes it another power of two up to PIPE_MAX_SIZE - Linux lets a
 * process with CAP_SYS_RESOURCE go beyond pipe-max-size, Faultline does not, even for root).
 * Each slot in use holds one page and the unread part of it (offset, len); head and tail are
 * free-running slot counters, the slots in use are [tail, head). A write first tops up the
 * last buffer with its sub-page remainder when that fits (as Linux merges), then fills new
 * pages, one slot each; a reader frees a page when it has read all of it. The pipe is full
 * when every slot is in use, so it holds ring_size pages' worth only if they are written
 * whole, as on Linux.
 *
 * A reader waits (on rd_wait) while the pipe is empty and some writer remains; with no writers
 * left an empty pipe reads as end of file. A writer waits (on wr_wait) while the pipe is full;
 * writes of up to PIPE_BUF bytes go in whole (merged, or in one new slot), never interleaved
 * with other writers; with no readers left a write fails with -EPIPE and SIGPIPE. Readers and
 * writers are counted per open file, so fork's copies of a descriptor share one count, and the
 * last fput() of the last end frees the pipe.
 *
 * Copying to or from user memory can sleep (a page fault that reads a file), so each reader
 * and writer holds the pipe's lock (Linux's pipe->mutex) while it looks at or changes the
 * ring, and lets go of it only to wait for data or room.
 */
#include "fs/syscalls.h"
#include "fs/pipe.h"
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

#define PIPE_BUF	4096		/* writes up to this size are atomic (POSIX) */
#define O_DIRECT	00040000

/* struct pipe_buffer - one slot in use: a page whose bytes [offset, offset + len) are unread. */
struct pipe_buffer {
	char *page;
	unsigned int offset, len;
};

struct pipe_inode_info {
	struct pipe_buffer *bufs;	/* ring_size slots */
	unsigned int ring_size;		/* a power of two */
	unsigned int head, tail;	/* slots in use: [tail, head), counted modulo 2^32 */
	unsigned int readers, writers;	/* open files on each end */
	unsigned int r_counter, w_counter; /* opens of each end so far (FIFO opens wait on them) */
	bool locked;			/* a reader, writer or resize is using the ring */
	struct wait_queue_head rd_wait;	/* readers waiting for data, FIFO writers for a reader */
	struct wait_queue_head wr_wait;	/* writers waiting for room, FIFO readers for a writer */
	struct wait_queue_head lock_wait; /* waiting for the lock */
};

/* pipe_occupancy / pipe_empty / pipe_full - slots in use; none; all of them. */
static inline unsigned int pipe_occupancy(const struct pipe_inode_info *pipe)
{
	return pipe->head - pipe->tail;
}

static inline bool pipe_empty(const struct pipe_inode_info *pipe)
{
	return pipe->head == pipe->tail;
}

static inline bool pipe_full(const struct pipe_inode_info *pipe)
{
	return pipe_occupancy(pipe) >= pipe->ring_size;
}

/* pipe_buf - the slot counter @n's buffer. */
static inline struct pipe_buffer *pipe_buf(const struct pipe_inode_info *pipe, unsigned int n)
{
	return &pipe->bufs[n & (pipe->ring_size - 1)];
}

/* pipe_lock - take @pipe's lock, sleeping while another task holds it. 0, or -EINTR
 * (SIGKILL). pipe_unlock - let it go. */
static int pipe_lock(struct pipe_inode_info *pipe)
{
	int err = wait_event_killable(pipe->lock_wait, !pipe->locked);

	if (!err)
		pipe->locked = true;
	return err;
}

static void pipe_unlock(struct pipe_inode_info *pipe)
{
	pipe->locked = false;
	wake_up(&pipe->lock_wait);
}

/* alloc_pipe_info - a new, empty pipe of PIPE_DEF_BUFFERS slots, or NULL. */
static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	pipe->bufs = kzalloc(PIPE_DEF_BUFFERS * sizeof(struct pipe_buffer), GFP_KERNEL);
	if (!pipe->bufs) {
		kfree(pipe);
		return NULL;
	}
	pipe->ring_size = PIPE_DEF_BUFFERS;
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	init_waitqueue_head(&pipe->lock_wait);
	return pipe;
}

/* free_pipe_info - free @pipe with the pages still in it. */
static void free_pipe_info(struct pipe_inode_info *pipe)
{
	for (unsigned int n = pipe->tail; n != pipe->head; n++)
		free_pages((unsigned long)pipe_buf(pipe, n)->page, 0);
	kfree(pipe->bufs);
	kfree(pipe);
}

/*
 * pipe_read - copy up to @count buffered bytes to @buf, waiting for some if the pipe is empty
 * and has a writer. Returns the bytes read, 0 at end of file (empty, no writers), -EAGAIN
 * (O_NONBLOCK and empty), -ERESTARTSYS (a signal while waiting: restarted after a SA_RESTART
 * handler, else -EINTR), -EINTR (SIGKILL while waiting for the lock) or -EFAULT (@buf faulted
 * before a whole chunk was copied; as on Linux, the bytes of that chunk stay in the pipe).
 */
static ssize_t pipe_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	struct pipe_inode_info *pipe = file->f_inode->i_pipe;
	size_t done = 0;
	ssize_t ret;
	int err;

	(void)pos;
	if (!count)
		return 0;
	err = pipe_lock(pipe);
	if (err)
		return err;
	while (pipe_empty(pipe) && pipe->writers) {
		pipe_unlock(pipe);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(pipe->rd_wait, !pipe_empty(pipe) || !pipe->writers);
		if (!err)
			err = pipe_lock(pipe);
		if (err)
			return err;
	}
	ret = 0;
	while (done < count && !pipe_empty(pipe)) {
		struct pipe_buffer *pb = pipe_buf(pipe, pipe->tail);
		size_t chunk = min(count - done, (size_t)pb->len);

		/* A chunk that faults part-way is not consumed: its bytes stay in the pipe
		 * (Linux's pipe_read keeps a buffer it could not copy whole). */
		if (copy_to_user(buf + done, pb->page + pb->offset, chunk)) {
			ret = -EFAULT;
			break;
		}
		pb->offset += chunk;
		pb->len -= chunk;
		done += chunk;
		if (!pb->len) {			/* all read: the page goes */
			free_pages((unsigned long)pb->page, 0);
			pb->page = NULL;
			pipe->tail++;
		}
	}
	pipe_unlock(pipe);
	if (done)
		wake_up(&pipe->wr_wait);
	return done ? (ssize_t)done : ret;
}

/*
 * pipe_write - copy @count bytes from @buf into the pipe, waiting for room as needed (all of a
 * write of up to PIPE_BUF bytes at once). Returns @count, or fewer if interrupted; if nothing
 * was written: -EPIPE (no readers; SIGPIPE is sent too, written or not, as Linux does),
 * -EAGAIN (O_NONBLOCK and full), -ERESTARTSYS (a signal while waiting), -EINTR (SIGKILL while
 * waiting for the lock), -ENOMEM (no page for the data) or -EFAULT.
 */
static ssize_t pipe_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	struct pipe_inode_info *pipe = file->f_inode->i_pipe;
	size_t done = 0, chars = count & (PAGE_SIZE - 1);
	ssize_t err;

	(void)pos;
	err = pipe_lock(pipe);
	if (err)
		return err;
	if (!pipe->readers)
		goto epipe;
	/* The sub-page remainder tops up the last buffer if it fits there whole (Linux). */
	if (chars && !pipe_empty(pipe)) {
		struct pipe_buffer *pb = pipe_buf(pipe, pipe->head - 1);
		unsigned int offset = pb->offset + pb->len;

		if (offset + chars <= PAGE_SIZE) {
			size_t left = copy_from_user(pb->page + offset, buf, chars);

			pb->len += (unsigned int)(chars - left);
			done = chars - left;
			wake_up(&pipe->rd_wait);
			if (left) {
				err = -EFAULT;
				goto out;
			}
		}
	}
	while (done < count) {
		struct pipe_buffer *pb;
		size_t chunk, left;
		char *page;

		if (!pipe->readers)
			goto epipe;
		if (pipe_full(pipe)) {
			pipe_unlock(pipe);
			if (file->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			err = wait_event_interruptible(pipe->wr_wait, !pipe_full(pipe) || !pipe->readers);
			if (!err)
				err = pipe_lock(pipe);
			if (err)
				return done ? (ssize_t)done : err;
			continue;
		}
		page = (char *)__get_free_pages(GFP_KERNEL, 0);
		if (!page) {
			err = -ENOMEM;
			break;
		}
		chunk = min(count - done, PAGE_SIZE);
		left = copy_from_user(page, buf + done, chunk);
		if (left == chunk) {
			free_pages((unsigned long)page, 0);
			err = -EFAULT;
			break;
		}
		pb = pipe_buf(pipe, pipe->head);
		*pb = (struct pipe_buffer){ .page = page, .offset = 0, .len = (unsigned int)(chunk - left) };
		pipe->head++;
		done += chunk - left;
		wake_up(&pipe->rd_wait);
		if (left) {
			err = -EFAULT;
			break;
		}
	}
	goto out;
epipe:
	send_signal_info(current, SIGPIPE, &(struct ksiginfo){ .code = SI_USER, .pid = current->pid });
	err = -EPIPE;
out:
	pipe_unlock(pipe);
	return done ? (ssize_t)done : err;
}

/* pipe_release - one open file of the pipe closed: count its ends off, wake the other side
 * (it sees EOF or EPIPE) and free the pipe when no end is left. */
static void pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = inode->i_pipe;

	if (file_can_read(file))
		pipe->readers--;
	if (file_can_write(file))
		pipe->writers--;
	wake_up(&pipe->rd_wait);
	wake_up(&pipe->wr_wait);
	if (!pipe->readers && !pipe->writers) {
		inode->i_pipe = NULL;
		free_pipe_info(pipe);
	}
}

/*
 * pipe_poll - f_op->poll: the read end is readable with data in the pipe and hangs up
 * (POLLHUP) once no writer is left; the write end is writable while a slot of the ring is
 * free (as Linux) and in error (POLLERR) once no reader is left.
 */
static unsigned int pipe_poll(struct file *file, poll_table *pt)
{
	struct pipe_inode_info *pipe = file->f_inode->i_pipe;
	unsigned int mask = 0;

	poll_wait(file, &pipe->rd_wait, pt);
	poll_wait(file, &pipe->wr_wait, pt);
	if (file_can_read(file)) {
		if (!pipe_empty(pipe))
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	}
	if (file_can_write(file)) {
		if (!pipe_full(pipe))
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

/* get_pipe_info - the pipe @file is open on, or NULL if it is no pipe or FIFO. */
static struct pipe_inode_info *get_pipe_info(struct file *file)
{
	if (file->f_op != &pipefifo_fops && file->f_op != &def_fifo_fops)
		return NULL;
	return file->f_inode->i_pipe;
}

/* round_pipe_size - Linux's: @size rounded up to a power-of-two number of pages, at least
 * one; 0 if beyond 2^31. */
static unsigned long round_pipe_size(unsigned long size)
{
	unsigned long r = PAGE_SIZE;

	if (size > (1UL << 31))
		return 0;
	while (r < size)
		r <<= 1;
	return r;
}

/*
 * pipe_resize_ring - give @pipe (locked) @nr slots, the buffers in use moved to the start of
 * the new ring (Linux's pipe_resize_ring: no data is copied). 0, -EBUSY (more buffers are in
 * use than @nr) or -ENOMEM (@pipe unchanged).
 */
static int pipe_resize_ring(struct pipe_inode_info *pipe, unsigned int nr)
{
	unsigned int n = pipe_occupancy(pipe);
	struct pipe_buffer *bufs;

	if (nr < n)
		return -EBUSY;
	bufs = kzalloc(nr * sizeof(struct pipe_buffer), GFP_KERNEL);
	if (!bufs)
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++)
		bufs[i] = *pipe_buf(pipe, pipe->tail + i);
	kfree(pipe->bufs);
	pipe->bufs = bufs;
	pipe->ring_size = nr;
	pipe->tail = 0;
	pipe->head = n;
	return 0;
}

long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = get_pipe_info(file);
	unsigned long size;
	long ret;

	if (!pipe)
		return -EBADF;
	ret = pipe_lock(pipe);
	if (ret)
		return ret;
	switch (cmd) {
	case F_GETPIPE_SZ:
		ret = (long)pipe->ring_size * PAGE_SIZE;
		break;
	case F_SETPIPE_SZ:
		size = round_pipe_size(arg);
		if (!size)
			ret = -EINVAL;
		else if (size > PIPE_MAX_SIZE && size / PAGE_SIZE > pipe->ring_size)
			ret = -EPERM;
		else
			ret = pipe_resize_ring(pipe, (unsigned int)(size / PAGE_SIZE));
		if (!ret)
			ret = (long)size;
		break;
	default:
		ret = -EINVAL;
		break;
	}
	pipe_unlock(pipe);
	wake_up(&pipe->wr_wait);		/* there may be room now */
	return ret;
}

/*
 * wait_for_partner - a FIFO open waits until @counter (the other end's count of opens) moves
 * on from what it was. 0, or -ERESTARTSYS (a signal).
 */
static int wait_for_partner(struct wait_queue_head *wq, unsigned int *counter)
{
	unsigned int cur = *counter;

	return wait_event_interruptible(*wq, *counter != cur);
}

/*
 * fifo_open - f_op->open of a FIFO: see def_fifo_fops in fs/pipe.h (Linux's fifo_open). Returns
 * 0, -ENXIO (O_WRONLY | O_NONBLOCK and no reader), -EINVAL (another access mode), -ENOMEM or
 * -ERESTARTSYS (a signal while waiting for the other end).
 */
static int fifo_open(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = inode->i_pipe;
	bool nonblock = file->f_flags & O_NONBLOCK;
	int err = 0;

	if ((file->f_flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	if (!pipe) {
		pipe = alloc_pipe_info();
		if (!pipe)
			return -ENOMEM;
		inode->i_pipe = pipe;
	}
	switch (file->f_flags & O_ACCMODE) {
	case O_RDONLY:
		pipe->r_counter++;
		pipe->readers++;
		wake_up(&pipe->rd_wait);	/* writers waiting for a reader */
		if (!pipe->writers && !nonblock)
			err = wait_for_partner(&pipe->wr_wait, &pipe->w_counter);
		break;
	case O_WRONLY:
		if (nonblock && !pipe->readers) {
			err = -ENXIO;
			break;
		}
		pipe->w_counter++;
		pipe->writers++;
		wake_up(&pipe->wr_wait);	/* readers waiting for a writer */
		if (!pipe->readers)
			err = wait_for_partner(&pipe->rd_wait, &pipe->r_counter);
		break;
	case O_RDWR:				/* both ends: never waits (Linux, not POSIX) */
		pipe->r_counter++;
		pipe->w_counter++;
		pipe->readers++;
		pipe->writers++;
		wake_up(&pipe->rd_wait);
		wake_up(&pipe->wr_wait);
		break;
	}
	if (err) {
		/* Not opened after all: undo the count this open took, if it took one. */
		if (err != -ENXIO) {
			if (file_can_read(file))
				pipe->readers--;
			if (file_can_write(file))
				pipe->writers--;
			wake_up(&pipe->rd_wait);
			wake_up(&pipe->wr_wait);
		}
		if (!pipe->readers && !pipe->writers) {
			inode->i_pipe = NULL;
			free_pipe_info(pipe);
		}
	}
	return err;
}

const struct file_operations def_fifo_fops = {
	.open = fifo_open,
	.read = pipe_read,
	.write = pipe_write,
	.release = pipe_release,
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
	pipe = alloc_pipe_info();
	if (!pipe) {
		iput(inode);
		return -ENOMEM;
	}
	inode->i_pipe = pipe;
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
		fput(res[0]);			/* the last reader: frees the pipe */
	} else {
		inode->i_pipe = NULL;
		free_pipe_info(pipe);
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
