/*
 * fs/file.c - the file descriptor table (Linux's fs/file.c): allocation of the lowest free
 * descriptor, growing the table up to RLIMIT_NOFILE, fork's copy, exec's close-on-exec, exit's
 * close-all, and dup/dup2/dup3.
 *
 * A descriptor slot holds one reference to its struct file. fork (dup_files) copies the slots
 * and takes a reference for each: parent and child then share the file - and its position -
 * as POSIX requires. A vfork child shares the whole table instead (files->count).
 *
 * The table (struct fdtable, fs/fs.h) starts with NR_OPEN_DEFAULT slots and doubles when a
 * descriptor beyond it is wanted (expand_files), never beyond fs.nr_open (NR_OPEN_MAX). The
 * limit a process sets (RLIMIT_NOFILE) is checked where a descriptor is chosen, as Linux does:
 * a new descriptor (open, dup, pipe) must be below it (-EMFILE), dup2's target too (-EBADF),
 * and fcntl(F_DUPFD)'s lower bound (-EINVAL). Descriptors already open above a lowered limit
 * stay open and usable.
 */
#include "fs/file.h"
#include "fs/file_table.h"
#include "fs/syscalls.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"
#include "kernel/cred.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"

#define BITS_PER_LONG	64

/* fdt_bitmap_bytes - bytes of one bitmap of @nr bits (@nr is a multiple of BITS_PER_LONG). */
static inline size_t fdt_bitmap_bytes(unsigned int nr)
{
	return nr / BITS_PER_LONG * sizeof(unsigned long);
}

static inline bool fdt_test_bit(const unsigned long *map, unsigned int nr)
{
	return map[nr / BITS_PER_LONG] & (1UL << (nr % BITS_PER_LONG));
}

static inline void fdt_set_bit(unsigned long *map, unsigned int nr)
{
	map[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

static inline void fdt_clear_bit(unsigned long *map, unsigned int nr)
{
	map[nr / BITS_PER_LONG] &= ~(1UL << (nr % BITS_PER_LONG));
}

/* find_next_fd - the first clear bit of @map (@size bits, a multiple of BITS_PER_LONG) at or
 * after @start; @size if none is below it, @start itself if it is beyond. */
static unsigned int find_next_fd(const unsigned long *map, unsigned int size, unsigned int start)
{
	while (start < size) {
		unsigned long word = ~map[start / BITS_PER_LONG] >> (start % BITS_PER_LONG);

		if (word)
			return min(size, start + (unsigned int)__builtin_ctzl(word));
		start = (start / BITS_PER_LONG + 1) * BITS_PER_LONG;
	}
	return start;
}

/* fdt_zalloc / fdt_free - zeroed memory for a table's arrays: kmalloc up to a page, vmalloc
 * beyond (a table of 1,048,576 descriptors needs 8 MiB of slots). NULL if out of memory. */
static void *fdt_zalloc(size_t size)
{
	return size <= PAGE_SIZE ? kzalloc(size, GFP_KERNEL) : vzalloc(size);
}

static void fdt_free(void *p)
{
	if (p && find_vm_area(p))
		vfree(p);
	else
		kfree(p);
}

/* free_fdtable_arrays - free @fdt's arrays (not the files in it). */
static void free_fdtable_arrays(struct fdtable *fdt)
{
	fdt_free(fdt->fd);
	fdt_free(fdt->open_fds);
	fdt_free(fdt->close_on_exec);
	fdt->fd = NULL;
	fdt->open_fds = fdt->close_on_exec = NULL;
	fdt->max_fds = 0;
}

/*
 * alloc_fdtable_arrays - give @fdt empty arrays of @nr slots (a multiple of BITS_PER_LONG).
 * 0, or -ENOMEM with @fdt untouched.
 */
static int alloc_fdtable_arrays(struct fdtable *fdt, unsigned int nr)
{
	struct fdtable new = { .max_fds = nr };

	new.fd = fdt_zalloc((size_t)nr * sizeof(struct file *));
	new.open_fds = fdt_zalloc(fdt_bitmap_bytes(nr));
	new.close_on_exec = fdt_zalloc(fdt_bitmap_bytes(nr));
	if (!new.fd || !new.open_fds || !new.close_on_exec) {
		free_fdtable_arrays(&new);
		return -ENOMEM;
	}
	*fdt = new;
	return 0;
}

/*
 * expand_files - make @files' table hold descriptor @nr: the next power of two of slots at
 * least @nr + 1 (Linux's alloc_fdtable rounding), capped at NR_OPEN_MAX; the old entries and
 * bits are copied over and the old arrays freed. Returns 0 (also if it was big enough),
 * -EMFILE if @nr is at or beyond NR_OPEN_MAX, or -ENOMEM (the table is unchanged).
 */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	struct fdtable *fdt = &files->fdt, new;
	unsigned int size = NR_OPEN_DEFAULT;

	if (nr < fdt->max_fds)
		return 0;
	if (nr >= NR_OPEN_MAX)
		return -EMFILE;
	while (size <= nr)
		size *= 2;
	if (alloc_fdtable_arrays(&new, min(size, (unsigned int)NR_OPEN_MAX)))
		return -ENOMEM;
	/* The allocation may have slept, and a thread sharing @files (CLONE_FILES) may have
	 * grown the table meanwhile, maybe past this size: then keep its table. */
	if (nr < fdt->max_fds) {
		free_fdtable_arrays(&new);
		return 0;
	}
	memcpy(new.fd, fdt->fd, fdt->max_fds * sizeof(struct file *));
	memcpy(new.open_fds, fdt->open_fds, fdt_bitmap_bytes(fdt->max_fds));
	memcpy(new.close_on_exec, fdt->close_on_exec, fdt_bitmap_bytes(fdt->max_fds));
	free_fdtable_arrays(fdt);
	*fdt = new;
	return 0;
}

/* __set_open_fd / __clear_open_fd - @fd (inside the table) starts / stops being in use. */
static void __set_open_fd(struct files_struct *files, unsigned int fd, struct file *file,
			  bool cloexec)
{
	files->fdt.fd[fd] = file;
	fdt_set_bit(files->fdt.open_fds, fd);
	if (cloexec)
		fdt_set_bit(files->fdt.close_on_exec, fd);
	else
		fdt_clear_bit(files->fdt.close_on_exec, fd);
}

/* __clear_open_fd - empty slot @fd and return the file it held (the caller fputs it). */
static struct file *__clear_open_fd(struct files_struct *files, unsigned int fd)
{
	struct file *file = files->fdt.fd[fd];

	files->fdt.fd[fd] = NULL;
	fdt_clear_bit(files->fdt.open_fds, fd);
	fdt_clear_bit(files->fdt.close_on_exec, fd);
	if (fd < files->next_fd)
		files->next_fd = fd;
	return file;
}

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	if (alloc_fdtable_arrays(&files->fdt, NR_OPEN_DEFAULT)) {
		kfree(files);
		return NULL;
	}
	files->count = 1;
	return files;
}

/* files_free - free @files, whose descriptors are all closed. */
static void files_free(struct files_struct *files)
{
	free_fdtable_arrays(&files->fdt);
	kfree(files);
}

/* count_open_files - one past the highest open descriptor of @fdt (0 if none), rounded up to
 * a whole bitmap word (Linux's count_open_files). */
static unsigned int count_open_files(const struct fdtable *fdt)
{
	unsigned int i = fdt->max_fds / BITS_PER_LONG;

	while (i > 0 && !fdt->open_fds[i - 1])
		i--;
	return i * BITS_PER_LONG;
}

struct files_struct *dup_files(struct files_struct *old)
{
	struct files_struct *files = files_alloc();
	unsigned int n = count_open_files(&old->fdt);

	if (!files)
		return NULL;
	/* As Linux: the copy is as large as the open descriptors need, not the old table (a
	 * process that once had fd 1048575 open need not pass 8 MiB of slots to each child). */
	if (n > files->fdt.max_fds && expand_files(files, n - 1)) {
		files_free(files);
		return NULL;
	}
	for (unsigned int fd = 0; fd < n; fd++)
		if (old->fdt.fd[fd])
			__set_open_fd(files, fd, get_file(old->fdt.fd[fd]),
				      fdt_test_bit(old->fdt.close_on_exec, fd));
	files->next_fd = old->next_fd;
	return files;
}

/* close_files - close every descriptor of @files (those with close-on-exec only, if
 * @cloexec_only). */
static void close_files(struct files_struct *files, bool cloexec_only)
{
	for (unsigned int fd = 0; fd < files->fdt.max_fds; fd++) {
		if (!files->fdt.fd[fd])
			continue;
		if (cloexec_only && !fdt_test_bit(files->fdt.close_on_exec, fd))
			continue;
		fput(__clear_open_fd(files, fd));
	}
}

void put_files(struct files_struct *files)
{
	if (!files)
		return;
	if (files->count <= 0)
		panic("put_files: table has count %d", files->count);
	if (--files->count > 0)
		return;
	close_files(files, false);
	files_free(files);
}

void do_close_on_exec(struct files_struct *files)
{
	close_files(files, true);
}

/*
 * alloc_fd - the lowest free descriptor of @files at or above @start and below @end, the
 * table grown to hold it (Linux's alloc_fd). Returns it, -EMFILE if there is none below @end,
 * or -ENOMEM if the table could not grow.
 */
static int alloc_fd(struct files_struct *files, unsigned int start, unsigned int end)
{
	unsigned int fd = max(start, files->next_fd);
	int err;

	fd = find_next_fd(files->fdt.open_fds, files->fdt.max_fds, fd);
	if (fd >= end)
		return -EMFILE;
	err = expand_files(files, fd);
	if (err)
		return err;
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	return (int)fd;
}

int f_dupfd_files(struct files_struct *files, unsigned int from, unsigned int nofile,
		  struct file *file, unsigned int flags)
{
	int fd;

	if (from >= nofile)
		return -EINVAL;
	fd = alloc_fd(files, from, nofile);
	if (fd < 0)
		return fd;
	__set_open_fd(files, (unsigned int)fd, get_file(file), flags & O_CLOEXEC);
	return fd;
}

/* task_nofile - the current task's RLIMIT_NOFILE as a descriptor count (at most
 * NR_OPEN_MAX, which prlimit enforces for the hard limit). */
static unsigned int task_nofile(void)
{
	u64 lim = rlimit(RLIMIT_NOFILE);

	return lim > NR_OPEN_MAX ? NR_OPEN_MAX : (unsigned int)lim;
}

int f_dupfd(unsigned int from, struct file *file, unsigned int flags)
{
	if (!current->files)
		return -EMFILE;
	return f_dupfd_files(current->files, from, task_nofile(), file, flags);
}

int fd_install_console(struct files_struct *files)
{
	for (int i = 0; i < 3; i++) {
		struct file *file = filp_open("/dev/console", O_RDWR, 0);
		int fd;

		if (IS_ERR(file))
			return (int)PTR_ERR(file);
		fd = f_dupfd_files(files, 0, INR_OPEN_CUR, file, 0);
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
	struct file *file;

	if (!current->files || fd < 0)
		return NULL;
	file = files_lookup_fd_raw(current->files, (unsigned int)fd);
	return file ? get_file(file) : NULL;
}

int close_fd(unsigned int fd)
{
	struct files_struct *files = current->files;

	if (!files || !files_lookup_fd_raw(files, fd))
		return -EBADF;
	fput(__clear_open_fd(files, fd));
	return 0;
}

bool get_close_on_exec(unsigned int fd)
{
	struct files_struct *files = current->files;

	return files && fd < files->fdt.max_fds && fdt_test_bit(files->fdt.close_on_exec, fd);
}

void set_close_on_exec(unsigned int fd, bool on)
{
	struct files_struct *files = current->files;

	if (!files || !files_lookup_fd_raw(files, fd))
		return;
	if (on)
		fdt_set_bit(files->fdt.close_on_exec, fd);
	else
		fdt_clear_bit(files->fdt.close_on_exec, fd);
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
 * O_CLOEXEC in @flags says. Returns @newfd, -EBADF if it is at or beyond RLIMIT_NOFILE, or
 * -ENOMEM if the table could not grow to hold it.
 */
static long do_dup2(struct file *file, unsigned int newfd, int flags)
{
	struct files_struct *files = current->files;
	struct file *old;
	int err;

	if (newfd >= task_nofile())
		return -EBADF;
	err = expand_files(files, newfd);
	if (err)
		return err;
	old = files->fdt.fd[newfd];
	__set_open_fd(files, newfd, get_file(file), flags & O_CLOEXEC);
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
