/*
 * fs/read_write.c - read, write, their vector and positioned forms, lseek, and kernel_read.
 *
 * Every path ends in the file's f_op->read or ->write with a user buffer. The checks common to
 * all are made once, in vfs_read/vfs_write: the open mode (-EBADF) and that the buffer lies
 * in user space (-EFAULT, before anything is copied, so that a buffer running past TASK_SIZE
 * is refused whole). A fault part-way through gives a short count, as on Linux.
 */
#include "fs/read_write.h"
#include "fs/file_table.h"
#include "fs/char_dev.h"
#include "fs/syscalls.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "kernel/signal.h"
#include "kernel/wait.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/lib/string.h"

bool file_seekable(const struct file *file)
{
	umode_t mode = file->f_inode->i_mode;

	if (S_ISCHR(mode))
		return MAJOR(file->f_inode->i_rdev) == MEM_MAJOR;
	return !S_ISFIFO(mode);
}

ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	if (!file_can_read(file))
		return -EBADF;
	if (!file->f_op->read)
		return S_ISDIR(file->f_inode->i_mode) ? -EISDIR : -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (count > (size_t)MAX_RW_COUNT)
		count = (size_t)MAX_RW_COUNT;
	return file->f_op->read(file, buf, count, pos);
}

ssize_t vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	if (!file_can_write(file))
		return -EBADF;
	if (!file->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (count > (size_t)MAX_RW_COUNT)
		count = (size_t)MAX_RW_COUNT;
	return file->f_op->write(file, buf, count, pos);
}

/*
 * kernel_read - read a page-cache file into kernel memory (exec reads ELF headers this way),
 * straight from its cache pages: f_op->read takes user buffers only. A page not cached is
 * read through a_ops->readpage if the file has one, else it is a hole (zeros).
 * Returns the bytes read (short at end of file), -EINVAL for files without a page cache or a
 * negative position, -EISDIR for directories, or -ENOMEM/-EIO from reading a page.
 */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	struct address_space *mapping = file->f_mapping;
	loff_t size = file->f_inode->i_size;
	size_t done = 0;

	if (S_ISDIR(file->f_inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(file->f_inode->i_mode) || !mapping || *pos < 0)
		return -EINVAL;
	if (*pos >= size)
		return 0;
	count = min(count, (size_t)(size - *pos));
	while (done < count) {
		loff_t p = *pos + (loff_t)done;
		unsigned long index = (unsigned long)p >> PAGE_SHIFT;
		size_t off = (size_t)p & ~PAGE_MASK;
		size_t chunk = min(PAGE_SIZE - off, count - done);
		struct page *page = find_get_page(mapping, index);

		if (!page && mapping->a_ops && mapping->a_ops->readpage) {
			page = read_cache_page(file, mapping, index, NULL);
			if (IS_ERR(page)) {
				if (!done)
					return PTR_ERR(page);
				break;
			}
		}
		if (page) {
			memcpy((char *)buf + done, (char *)page_address(page) + off, chunk);
			put_page(page);
		} else {
			memset((char *)buf + done, 0, chunk);
		}
		done += chunk;
	}
	*pos += (loff_t)done;
	return (ssize_t)done;
}

/* sys_read - read up to @count bytes of @fd at its position into @buf, advancing it.
 * Returns the bytes read (0 at end of file) or -errno (see vfs_read; -EBADF). */
long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *file = fget((int)fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = vfs_read(file, buf, count, &file->f_pos);
	fput(file);
	return ret;
}

/* sys_write - write @count bytes of @buf to @fd at its position (its end with O_APPEND).
 * Returns the bytes written (short if @buf faults part-way) or -errno (see vfs_write). */
long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *file = fget((int)fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = vfs_write(file, buf, count, &file->f_pos);
	fput(file);
	return ret;
}

/* sys_pread64 - read at @pos without moving the file position. -EINVAL for a negative @pos,
 * -ESPIPE for a pipe or the console; otherwise as sys_read. */
long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
{
	struct file *file;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	file = fget((int)fd);
	if (!file)
		return -EBADF;
	ret = file_seekable(file) ? vfs_read(file, buf, count, &pos) : -ESPIPE;
	fput(file);
	return ret;
}

/* sys_pwrite64 - write at @pos without moving the file position (with O_APPEND, Linux and
 * Faultline still append). Errors as sys_pread64 and sys_write. */
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos)
{
	struct file *file;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	file = fget((int)fd);
	if (!file)
		return -EBADF;
	ret = file_seekable(file) ? vfs_write(file, buf, count, &pos) : -ESPIPE;
	fput(file);
	return ret;
}

/*
 * do_iter_readv_writev - readv/writev: copy in the @vlen iovecs, check them all (Linux's
 * import_iovec: -EINVAL for too many or a total that overflows, -EFAULT for a segment outside
 * user space), then read or write the segments in order, stopping at the first short one.
 * Returns the total bytes moved, or the error of the first segment if it moved nothing.
 */
static ssize_t do_iter_readv_writev(struct file *file, const struct iovec __user *uvec,
				    unsigned long vlen, bool write)
{
	struct iovec *iov;
	size_t total = 0, done = 0;
	ssize_t ret = 0;
	unsigned long i;

	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (vlen == 0)
		return 0;
	if (write ? !file_can_write(file) : !file_can_read(file))
		return -EBADF;
	iov = kmalloc(vlen * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, uvec, vlen * sizeof(*iov))) {
		ret = -EFAULT;
		goto out;
	}
	for (i = 0; i < vlen; i++) {
		if ((ssize_t)iov[i].iov_len < 0) {
			ret = -EINVAL;
			goto out;
		}
		if (!access_ok(iov[i].iov_base, iov[i].iov_len)) {
			ret = -EFAULT;
			goto out;
		}
		/* Cut the total to MAX_RW_COUNT, as Linux does. */
		if (iov[i].iov_len > (size_t)MAX_RW_COUNT - total)
			iov[i].iov_len = (size_t)MAX_RW_COUNT - total;
		total += iov[i].iov_len;
	}
	for (i = 0; i < vlen; i++) {
		ret = write ? vfs_write(file, iov[i].iov_base, iov[i].iov_len, &file->f_pos)
			    : vfs_read(file, iov[i].iov_base, iov[i].iov_len, &file->f_pos);
		if (ret < 0)
			break;
		done += (size_t)ret;
		if ((size_t)ret < iov[i].iov_len)
			break;
		cond_resched();		/* 1,024 segments of up to 2 GiB: a long loop */
	}
	if (done)
		ret = (ssize_t)done;
out:
	kfree(iov);
	return ret;
}

/* sys_readv / sys_writev - read into / write from the @vlen buffers of @vec in order, as one
 * read or write at the file position. See do_iter_readv_writev. */
long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen)
{
	struct file *file = fd > 0x7fffffffUL ? NULL : fget((int)fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = do_iter_readv_writev(file, vec, vlen, false);
	fput(file);
	return ret;
}

long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen)
{
	struct file *file = fd > 0x7fffffffUL ? NULL : fget((int)fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = do_iter_readv_writev(file, vec, vlen, true);
	fput(file);
	return ret;
}

/*
 * sys_lseek - move the file position: SEEK_SET, SEEK_CUR or SEEK_END (from i_size). Returns
 * the new position, -ESPIPE for pipes and the console, -EINVAL for another @whence, a negative
 * result or (for a directory) SEEK_END. /dev/null and /dev/zero always stay at 0.
 */
long sys_lseek(unsigned int fd, off_t offset, unsigned int whence)
{
	struct file *file = fget((int)fd);
	loff_t base, newpos;
	long ret;

	if (!file)
		return -EBADF;
	if (!file_seekable(file)) {
		ret = -ESPIPE;
		goto out;
	}
	if (file->f_op->llseek) {
		ret = file->f_op->llseek(file, offset, (int)whence);
		goto out;
	}
	if (S_ISCHR(file->f_inode->i_mode)) {
		file->f_pos = 0;
		ret = whence <= SEEK_END ? 0 : -EINVAL;
		goto out;
	}
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = file->f_pos;
		break;
	case SEEK_END:
		if (S_ISDIR(file->f_inode->i_mode)) {
			ret = -EINVAL;
			goto out;
		}
		base = file->f_inode->i_size;
		break;
	default:
		ret = -EINVAL;
		goto out;
	}
	if (__builtin_add_overflow(base, offset, &newpos) || newpos < 0) {
		ret = -EINVAL;
		goto out;
	}
	file->f_pos = newpos;
	ret = newpos;
out:
	fput(file);
	return ret;
}

#define SENDFILE_WINDOW	(16 * PAGE_SIZE)	/* how much of the input is mapped at a time */

/*
 * do_sendfile - copy up to @count bytes of regular file @in from *@pos to @out at its
 * position (Linux's do_sendfile, without splice): each window of the input is mapped
 * read-only into the caller's address space for the write, so every kind of output (a pipe,
 * a file, the console) is written through its ordinary f_op->write and the input's page-cache
 * pages are read in place, never copied into a kernel buffer first. The window is unmapped
 * before returning. Returns the bytes written (short at end of file, or if the output takes
 * fewer) or, if none, -errno from the mapping or the write. The window's mmap and munmap
 * hold mmap_lock for writing; the write in between holds nothing (it faults the window in).
 */
static ssize_t do_sendfile(struct file *out, struct file *in, loff_t *pos, size_t count)
{
	struct mm_struct *mm = current->mm;
	size_t done = 0;
	ssize_t err = 0;

	if (*pos >= in->f_inode->i_size)
		return 0;
	count = min(count, (size_t)(in->f_inode->i_size - *pos));
	while (done < count) {
		loff_t start = *pos & (loff_t)PAGE_MASK;
		size_t off = (size_t)(*pos - start);
		size_t chunk = min(count - done, SENDFILE_WINDOW - off);
		loff_t opos = out->f_pos;
		unsigned long addr;

		if (mmap_write_lock_killable(mm)) {
			err = -EINTR;
			break;
		}
		addr = do_mmap(mm, in, 0, off + chunk, PROT_READ, MAP_SHARED,
			       (unsigned long)start >> PAGE_SHIFT);
		mmap_write_unlock(mm);
		if (IS_ERR_VALUE(addr)) {
			err = (ssize_t)addr;
			break;
		}
		err = vfs_write(out, (const char __user *)(addr + off), chunk, &opos);
		/* Killed meanwhile: exit's mmput unmaps the window anyway. */
		if (!mmap_write_lock_killable(mm)) {
			do_munmap(mm, addr, off + chunk);
			mmap_write_unlock(mm);
		}
		if (err <= 0)
			break;
		out->f_pos = opos;
		*pos += err;
		done += (size_t)err;
		if ((size_t)err < chunk)
			break;
		cond_resched();
		if (signal_pending(current))
			break;
	}
	return done ? (ssize_t)done : err;
}

long sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count)
{
	struct file *in = fget(in_fd), *out = fget(out_fd);
	loff_t pos;
	long ret = -EBADF;

	if (!in || !out || !file_can_read(in) || !file_can_write(out))
		goto out;
	ret = -EINVAL;
	if (!S_ISREG(in->f_inode->i_mode) || !in->f_op->mmap || (out->f_flags & O_APPEND))
		goto out;
	pos = in->f_pos;
	ret = -EFAULT;
	if (offset && copy_from_user(&pos, offset, sizeof(pos)))
		goto out;
	ret = -EINVAL;
	if (pos < 0)
		goto out;
	ret = do_sendfile(out, in, &pos, min(count, (size_t)MAX_RW_COUNT));
	if (offset) {
		if (put_user(pos, offset))
			ret = -EFAULT;
	} else {
		in->f_pos = pos;
	}
out:
	if (in)
		fput(in);
	if (out)
		fput(out);
	return ret;
}
