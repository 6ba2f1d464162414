/*
 * fs/syscalls.h - the file system calls, with the Linux x86-64 ABI: their prototypes and the
 * user-visible structures they read and write (struct stat, struct iovec, linux_dirent64).
 *
 * Every function returns a non-negative result or -errno with Linux's meaning. User pointers
 * are touched only through kernel/uaccess.h, so a bad pointer gives -EFAULT; a bad file
 * descriptor gives -EBADF.
 */
#ifndef FAULTLINE_FS_SYSCALLS_H
#define FAULTLINE_FS_SYSCALLS_H

#include "fs/fs.h"

/* struct iovec - one segment of a readv/writev buffer list. */
struct iovec {
	void __user *iov_base;
	size_t iov_len;
};
#define UIO_MAXIOV	1024

/* struct stat - Linux x86-64's (arch/x86/include/uapi/asm/stat.h), 144 bytes. */
struct stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned long st_nlink;
	unsigned int st_mode;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned int __pad0;
	unsigned long st_rdev;
	long st_size;
	long st_blksize;
	long st_blocks;			/* 512-byte blocks */
	unsigned long st_atime;
	unsigned long st_atime_nsec;
	unsigned long st_mtime;
	unsigned long st_mtime_nsec;
	unsigned long st_ctime;
	unsigned long st_ctime_nsec;
	long __unused[3];
};
_Static_assert(sizeof(struct stat) == 144, "struct stat must match Linux x86-64");

/* struct linux_dirent64 - one getdents64 record (d_reclen rounds it up to 8 bytes). */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;			/* position of the next record (for lseek) */
	unsigned short d_reclen;
	unsigned char d_type;		/* DT_* */
	char d_name[];			/* NUL-terminated */
};

/* fs/read_write.c */
long sys_read(unsigned int fd, char __user *buf, size_t count);
long sys_write(unsigned int fd, const char __user *buf, size_t count);
long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos);
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos);
long sys_lseek(unsigned int fd, off_t offset, unsigned int whence);
/* sendfile: copy @count bytes of regular file @in_fd (from *@offset, which is advanced, or
 * from and advancing its position if @offset is NULL) to @out_fd. Bytes written, or -EBADF,
 * -EINVAL (input not a mappable regular file, O_APPEND output, negative offset), -EFAULT. */
long sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count);

/* fs/open.c */
long sys_open(const char __user *filename, int flags, umode_t mode);
long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode);
long sys_close(unsigned int fd);
long sys_access(const char __user *filename, int mode);
long sys_faccessat(int dfd, const char __user *filename, int mode);

/* fs/stat.c */
long sys_stat(const char __user *filename, struct stat __user *statbuf);
long sys_lstat(const char __user *filename, struct stat __user *statbuf);
long sys_fstat(unsigned int fd, struct stat __user *statbuf);
long sys_newfstatat(int dfd, const char __user *filename, struct stat __user *statbuf, int flag);

/* fs/readdir.c */
long sys_getdents64(unsigned int fd, struct linux_dirent64 __user *dirent, unsigned int count);

/* fs/sync.c: fsync/fdatasync - make @fd's written data durable (f_op->fsync). 0, -EBADF,
 * -EINVAL (a file that cannot be synced: pipes, the console) or the file's -errno (-EIO). */
long sys_fsync(unsigned int fd);
long sys_fdatasync(unsigned int fd);

/* fs/ioctl.c */
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);

/* fs/file.c */
long sys_dup(unsigned int fildes);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);

/* fs/fcntl.c */
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);

/* fs/select.c: wait for files to be ready (poll(2), select(2), with Linux's errors). */
struct pollfd;
struct k_timespec;
struct k_timeval;
struct sigset_argpack;
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs);
long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, struct k_timespec __user *tsp,
	       const unsigned long __user *sigmask, size_t sigsetsize);
long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct k_timeval __user *tvp);
long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct k_timespec __user *tsp,
		  const struct sigset_argpack __user *sig);

/* fs/pipe.c */
long sys_pipe(int __user *fildes);
long sys_pipe2(int __user *fildes, int flags);

/* fs/namei.c */
#define AT_REMOVEDIR	0x200		/* unlinkat: remove a directory (as rmdir) */
/* mkdir/mkdirat: create a directory (mode less the umask); unlink: remove a non-directory's
 * name; rmdir: remove an empty directory; unlinkat: either, by AT_REMOVEDIR (other flags:
 * -EINVAL). Each returns 0 or -errno with Linux's meaning (see do_mkdirat, do_unlinkat and
 * do_rmdir in fs/namei.c). */
long sys_mkdir(const char __user *pathname, umode_t mode);
long sys_mkdirat(int dfd, const char __user *pathname, umode_t mode);
long sys_unlink(const char __user *pathname);
long sys_unlinkat(int dfd, const char __user *pathname, int flag);
long sys_rmdir(const char __user *pathname);
/* The other name calls (fs/namei.c): each returns 0 (readlink: the length) or -errno with
 * Linux's meaning; see their comments there. */
long sys_mknod(const char __user *pathname, umode_t mode, unsigned int dev);
long sys_mknodat(int dfd, const char __user *pathname, umode_t mode, unsigned int dev);
long sys_symlink(const char __user *oldname, const char __user *newname);
long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname);
long sys_readlink(const char __user *pathname, char __user *buf, int bufsiz);
long sys_readlinkat(int dfd, const char __user *pathname, char __user *buf, int bufsiz);
long sys_link(const char __user *oldname, const char __user *newname);
long sys_linkat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
		int flags);
long sys_rename(const char __user *oldname, const char __user *newname);
long sys_renameat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname);
long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags);

/* fs/fs_struct.c: the current directory. */
long sys_chdir(const char __user *filename);
long sys_fchdir(unsigned int fd);
long sys_getcwd(char __user *buf, unsigned long size);

/* fs/attr.c: attributes (see there). */
struct timespec_k;
long sys_truncate(const char __user *pathname, long length);
long sys_ftruncate(unsigned int fd, long length);
long sys_chmod(const char __user *filename, umode_t mode);
long sys_fchmod(unsigned int fd, umode_t mode);
long sys_fchmodat(int dfd, const char __user *filename, umode_t mode);
long sys_chown(const char __user *filename, int user, int group);
long sys_lchown(const char __user *filename, int user, int group);
long sys_fchown(unsigned int fd, int user, int group);
long sys_fchownat(int dfd, const char __user *filename, int user, int group, int flag);
long sys_utimensat(int dfd, const char __user *filename, const struct timespec_k __user *utimes,
		   int flags);
/* setattr_copy - set @inode's in-memory mode, owner and times from @attr (Linux's
 * setattr_copy): the part of a setattr every file system shares. */
void setattr_copy(struct inode *inode, const struct iattr *attr);
/* notify_change - apply @attr to @inode through its file system. 0 or -errno. */
int notify_change(struct inode *inode, struct iattr *attr);

/* fs/statfs.c */
struct statfs_k;
long sys_statfs(const char __user *pathname, struct statfs_k __user *buf);
long sys_fstatfs(unsigned int fd, struct statfs_k __user *buf);

/* fs/namespace.c, fs/fs-writeback.c: mounting, and writing back. */
long sys_mount(const char __user *dev_name, const char __user *dir_name,
	       const char __user *type, unsigned long flags, const void __user *data);
long sys_umount2(const char __user *name, int flags);
long sys_sync(void);
long sys_syncfs(int fd);

/* mm/msync.c */
long sys_msync(unsigned long start, size_t len, int flags);

#endif
