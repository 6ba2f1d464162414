/*
 * fs/file.c - the file descriptor table (Linux's fs/file.c): allocation of the lowest free
 * descriptor, fork's copy, exec's close-on-exec, exit's close-all, and dup/dup2/dup3.
 *
 * A descriptor slot holds one reference to its struct file. fork (dup_files) copies the slots
 * and takes a reference for each: parent and child then share the file - and its position -
 * as POSIX requires. A vfork child shares the whole table instead (files->count).
 */
#include "fs/file.h"
#include "fs/file_table.h"
#include "fs/syscalls.h"
#include "mm/slab.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/panic.h"

/* fd_bit - @fd's bit in close_on_exec. */
static inline unsigned long fd_bit(unsigned int fd)
{
	return 1UL << fd;
}

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (files)
		files->count = 1;
	return files;
}

struct files_struct *dup_files(struct files_struct *old)
{
	struct files_struct *files = files_alloc();

	if (!files)
		return NULL;
	for (unsigned int fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (old->fd[fd])
			files->fd[fd] = get_file(old->fd[fd]);
	files->close_on_exec = old->close_on_exec;
	return files;
}

/* close_files - close every descriptor of @files. */
static void close_files(struct files_struct *files)
{
	for (unsigned int fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		struct file *file = files->fd[fd];

		if (file) {
			files->fd[fd] = NULL;
			fput(file);
		}
	}
	files->close_on_exec = 0;
}

void put_files(struct files_struct *files)
{
	if (!files)
		return;
	if (files->count <= 0)
		panic("put_files: table has count %d", files->count);
	if (--files->count > 0)
		return;
	close_files(files);
	kfree(files);
}

void do_close_on_exec(struct files_struct *files)
{
	for (unsigned int fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		struct file *file = files->fd[fd];

		if (file && (files->close_on_exec & fd_bit(fd))) {
			files->fd[fd] = NULL;
			fput(file);
		}
	}
	files->close_on_exec = 0;
}

int f_dupfd_files(struct files_struct *files, unsigned int from, struct file *file,
		  unsigned int flags)
{
	if (from >= NR_OPEN_DEFAULT)
		return -EINVAL;
	for (unsigned int fd = from; fd < NR_OPEN_DEFAULT; fd++) {
		if (files->fd[fd])
			continue;
		files->fd[fd] = get_file(file);
		if (flags & O_CLOEXEC)
			files->close_on_exec |= fd_bit(fd);
		else
			files->close_on_exec &= ~fd_bit(fd);
		return (int)fd;
	}
	return -EMFILE;
}

int f_dupfd(unsigned int from, struct file *file, unsigned int flags)
{
	if (!current->files)
		return -EMFILE;
	return f_dupfd_files(current->files, from, file, flags);
}

int fd_install_console(struct files_struct *files)
{
	for (int i = 0; i < 3; i++) {
		struct file *file = filp_open("/dev/console", O_RDWR, 0);
		int fd;

		if (IS_ERR(file))
			return (int)PTR_ERR(file);
		fd = f_dupfd_files(files, 0, file, 0);
		fput(file);			/* the table holds it now (or nobody) */
		if (fd < 0)
			return fd;
		if (fd != i)
			return -EBUSY;		/* the caller's table was not empty */
	}
	return 0;
}

struct file *fget(int fd)
{
	struct files_struct *files = current->files;

	if (!files || fd < 0 || fd >= NR_OPEN_DEFAULT || !files->fd[fd])
		return NULL;
	return get_file(files->fd[fd]);
}

int close_fd(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *file;

	if (!files || fd >= NR_OPEN_DEFAULT || !files->fd[fd])
		return -EBADF;
	file = files->fd[fd];
	files->fd[fd] = NULL;
	files->close_on_exec &= ~fd_bit(fd);
	fput(file);
	return 0;
}

bool get_close_on_exec(unsigned int fd)
{
	return fd < NR_OPEN_DEFAULT && current->files &&
	       (current->files->close_on_exec & fd_bit(fd));
}

void set_close_on_exec(unsigned int fd, bool on)
{
	if (fd >= NR_OPEN_DEFAULT || !current->files)
		return;
	if (on)
		current->files->close_on_exec |= fd_bit(fd);
	else
		current->files->close_on_exec &= ~fd_bit(fd);
}

/* sys_dup - a new descriptor (the lowest free) for the file open as @fildes. Returns it,
 * -EBADF or -EMFILE. */
long sys_dup(unsigned int fildes)
{
	struct file *file = fget((int)fildes);
	int fd;

	if (!file)
		return -EBADF;
	fd = f_dupfd(0, file, 0);
	fput(file);
	return fd;
}

/*
 * do_dup2 - make @newfd refer to @file (closing what @newfd referred to), close-on-exec as
 * O_CLOEXEC in @flags says. Returns @newfd, or -EBADF if it is beyond the table.
 */
static long do_dup2(struct file *file, unsigned int newfd, int flags)
{
	struct files_struct *files = current->files;
	struct file *old;

	if (newfd >= NR_OPEN_DEFAULT)
		return -EBADF;
	old = files->fd[newfd];
	files->fd[newfd] = get_file(file);
	set_close_on_exec(newfd, flags & O_CLOEXEC);
	if (old)
		fput(old);
	return newfd;
}

/* sys_dup3 - make @newfd refer to @oldfd's file, closing what @newfd had; O_CLOEXEC in @flags
 * sets close-on-exec. Returns @newfd, -EINVAL (other flags, or @oldfd == @newfd), -EBADF. */
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *file;
	long ret;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	file = fget((int)oldfd);
	if (!file)
		return -EBADF;
	ret = do_dup2(file, newfd, flags);
	fput(file);
	return ret;
}

/* sys_dup2 - dup3 without flags, except that @oldfd == @newfd is allowed (a no-op if
 * @oldfd is open). Returns @newfd or -EBADF. */
long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	struct file *file;

	if (oldfd == newfd) {		/* Linux: just check that oldfd is open */
		file = fget((int)oldfd);
		if (!file)
			return -EBADF;
		fput(file);
		return newfd;
	}
	return sys_dup3(oldfd, newfd, 0);
}
