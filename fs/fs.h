/*
 * fs/fs.h - the virtual file system in miniature: inodes, open files, and their page cache.
 *
 * The tree starts as a RAM file system (fs/ramfs.c) filled from the initramfs at boot
 * (fs/initramfs.c), with generated files in /proc (fs/proc/) and device nodes in /dev; disks
 * formatted ext2 are mounted on its directories (fs/namespace.c, fs/ext2/). A regular file's
 * data is its page cache: an address_space holding one struct page per 4 KiB of the file,
 * exactly the pages the fault path maps for a file-backed VMA; for a disk file it is read in
 * by a_ops->readpage and written back by a_ops->writepage.
 */
#ifndef FAULTLINE_FS_H
#define FAULTLINE_FS_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/uaccess.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "kernel/lib/xarray.h"

struct page;
struct inode;
struct file;
struct vm_area_struct;
struct task_struct;
struct kstat;
struct mm_struct;
struct super_block;
struct iattr;
struct poll_table_struct;
struct pipe_inode_info;

typedef long loff_t;
typedef unsigned int umode_t;

/* File types and permission bits (Linux's S_IF* values). */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

/* open() flags (Linux x86-64 values). */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000
#define AT_FDCWD	(-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH	0x1000
#define AT_SYMLINK_FOLLOW 0x400

/* The largest file offset (Linux's MAX_LFS_FILESIZE on 64-bit: LLONG_MAX). */
#define MAX_LFS_FILESIZE	0x7fffffffffffffffL

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/*
 * struct address_space - the page cache of one file: page @index holds file bytes
 * [index * 4096, index * 4096 + 4096). Pages are found by index in an xarray (a radix tree,
 * kernel/lib/xarray.h), whose marks tag the dirty pages and those under write-back, so
 * write-back visits only those. Each cached page has page->mapping = this, page->index; it
 * is PG_locked while being read in and PG_uptodate once its contents are valid.
 */
#define PAGECACHE_TAG_DIRTY	XA_MARK_0
#define PAGECACHE_TAG_WRITEBACK	XA_MARK_1

struct address_space {
	struct inode *host;
	struct xarray i_pages;		/* page index -> struct page (shmem: or the swap entry of a
					 * page that is out, as a value entry: mm/shmem.c) */
	unsigned long nrpages;		/* pages currently cached */
	bool swap_backed;		/* shared anonymous memory (shmem): its pages go to swap */
	bool unevictable;		/* shmem locked in memory (SHM_LOCK): reclaim leaves it */
	unsigned long i_mmap_writable;	/* shared mappings of it (write-back must write-protect
					 * their PTEs: page_mkclean) */
	struct list_head i_mmap;	/* the VMAs that map it (mm/rmap.h; empty while zeroed) */
	const struct address_space_operations *a_ops;
	int wb_err;			/* an asynchronous write-back failed: the next fsync's error */
};

struct address_space_operations {
	/* Fill a new page, locked and already in the cache, with file data for page->index,
	 * then set PG_uptodate (unless the read failed) and unlock_page() it - at once, or later
	 * from the I/O's completion. Returns 0 (1 if it started I/O: the fault counts as major)
	 * or -errno (the page must then be unlocked and not uptodate). NULL: zero-fill. */
	int (*readpage)(struct file *file, struct page *page);
	/* Write back a locked page whose dirty bit write-back has just cleared: set_page_writeback,
	 * unlock_page, start the I/O, end_page_writeback when done. 0 or -errno. NULL: no backing
	 * store (ramfs, shmem without swap): pages are never tagged dirty. */
	int (*writepage)(struct page *page);
	/* Read ahead: start the reads of @nr new pages (consecutive indices, locked, in the
	 * cache) and return without waiting; each page is unlocked - PG_uptodate if its read
	 * worked - when its I/O ends, maybe from the disk's interrupt. NULL: ->readpage each. */
	void (*readahead)(struct file *file, struct page **pages, unsigned int nr);
	/* Start the write-back of every dirty page of @mapping, several pages per request
	 * (Linux's ->writepages), without waiting for the disk: each page stays PG_writeback
	 * until its bio ends (mm/page-writeback.c). 0 or the first -errno. NULL: ->writepage
	 * each. */
	int (*writepages)(struct address_space *mapping);
};

struct inode_operations {
	/* Find the entry @name (length @len) in directory @dir; returns it with a reference, or NULL. */
	struct inode *(*lookup)(struct inode *dir, const char *name, size_t len);
	/* Create a file/dir/device node @name in @dir. Returns the inode (referenced) or ERR_PTR. */
	struct inode *(*create)(struct inode *dir, const char *name, size_t len, umode_t mode);
	/*
	 * Linux's ->mkdir, ->unlink and ->rmdir, called by the VFS (fs/namei.c) once it has
	 * checked the names and file types: @name (@len bytes) is a valid, ordinary component of
	 * directory @dir; for unlink and rmdir, @victim is what it names (a non-directory for
	 * unlink, a directory for rmdir). Each returns 0 or -errno. The removed inode's last
	 * reference (an open file, a mapping) frees it, not the unlink.
	 */
	int (*mkdir)(struct inode *dir, const char *name, size_t len, umode_t mode);
	int (*unlink)(struct inode *dir, const char *name, size_t len, struct inode *victim);
	int (*rmdir)(struct inode *dir, const char *name, size_t len, struct inode *victim);
	/*
	 * readlink - for a symbolic link (S_IFLNK): copy its target into @buf, at most @size
	 * bytes and no NUL. Returns the target's length (at most @size) or -errno. The path
	 * walk follows links through it (readlink(2) returns it).
	 */
	ssize_t (*readlink)(struct inode *inode, char *buf, size_t size);
	/*
	 * The other directory operations, called by fs/namei.c once it has checked names, types
	 * and that nothing crosses a file system (-EXDEV): each returns 0 or -errno.
	 * mknod - a device node, FIFO or regular file @name of @mode (S_IF* and permissions) and
	 *   device number @rdev.
	 * link - a new name @name in @dir for the existing non-directory @old.
	 * symlink - a symbolic link @name in @dir whose target is the string @target.
	 * rename - move @old_name of @old_dir (naming @source) to @new_name of @new_dir, replacing
	 *   @target if that name exists (the VFS has checked a directory replaces only an empty
	 *   directory and a non-directory only a non-directory).
	 */
	int (*mknod)(struct inode *dir, const char *name, size_t len, umode_t mode,
		     unsigned int rdev);
	int (*link)(struct inode *old, struct inode *dir, const char *name, size_t len);
	int (*symlink)(struct inode *dir, const char *name, size_t len, const char *target);
	int (*rename)(struct inode *old_dir, const char *old_name, size_t old_len,
		      struct inode *new_dir, const char *new_name, size_t new_len,
		      struct inode *source, struct inode *target);
	/* setattr - apply @attr to @inode and to its backing store (NULL: simple_setattr, the
	 * in-memory fields only). 0 or -errno (-ENOSPC, -EFBIG, -EIO, -EROFS). */
	int (*setattr)(struct inode *inode, const struct iattr *attr);
};

/* struct kstatfs - what statfs(2) reports of a file system (Linux's, in fs units). */
struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	long f_namelen;
	long f_frsize;
	long f_flags;
};

/*
 * struct super_operations - what the VFS asks of a mounted disk file system. The super_block
 * itself is in fs/buffer.h, which the host tests build without the VFS.
 * evict_inode - the last reference to cached @inode is gone and it has no links, or the file
 *   system is being unmounted: free the file system's part (and the file, if unlinked).
 * write_inode - copy @inode's attributes to the disk's inode (0 or -errno).
 * sync_fs - write the file system's own metadata (superblock, bitmaps) to the buffer cache.
 * put_super - unmount: free the file system's in-memory state.
 * statfs - fill @buf.
 */
struct super_operations {
	void (*evict_inode)(struct inode *inode);
	int (*write_inode)(struct inode *inode);
	int (*sync_fs)(struct super_block *sb);
	void (*put_super)(struct super_block *sb);
	int (*statfs)(struct super_block *sb, struct kstatfs *buf);
};

/*
 * struct file_system_type - a kind of file system mount(2) knows by name (fs/filesystems.c).
 * fill_super - read the file system on @sb->s_bdev and set s_op, s_root (a referenced
 *   inode: the mount holds it) and s_fs_info. 0, or -EINVAL for a disk that does not hold
 *   this file system (logged), -EIO, -ENOMEM, -EROFS.
 */
#define FS_REQUIRES_DEV	1
struct file_system_type {
	const char *name;
	int fs_flags;
	int (*fill_super)(struct super_block *sb, int silent);
	struct file_system_type *next;
};

/*
 * struct iattr - the attributes a change sets (notify_change: chmod, chown, truncate,
 * utimensat): the ATTR_* bits of ia_valid say which fields count.
 */
#define ATTR_MODE	(1 << 0)
#define ATTR_UID	(1 << 1)
#define ATTR_GID	(1 << 2)
#define ATTR_SIZE	(1 << 3)
#define ATTR_ATIME	(1 << 4)
#define ATTR_MTIME	(1 << 5)
#define ATTR_CTIME	(1 << 6)

struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;
	unsigned int ia_uid, ia_gid;
	loff_t ia_size;
	u64 ia_atime_ns, ia_mtime_ns, ia_ctime_ns;
};

struct file_operations {
	ssize_t (*read)(struct file *file, char __user *buf, size_t count, loff_t *pos);
	ssize_t (*write)(struct file *file, const char __user *buf, size_t count, loff_t *pos);
	/* Set up @vma to map the file (usually: vma->vm_ops = &generic_file_vm_ops). -ENODEV if unmappable. */
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
	long (*ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	/* Fill user buffer with linux_dirent64 records from file->pos; returns bytes or -errno. */
	long (*iterate)(struct file *file, void __user *dirent, size_t count);
	/* Called when the last reference to the open file is dropped. */
	void (*release)(struct inode *inode, struct file *file);
	/* Called at open (e.g. /proc files generate their content here). Returns 0 or -errno. */
	int (*open)(struct inode *inode, struct file *file);
	/* lseek, if the file's size is not i_size (block devices). Returns the new position or -errno. */
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	/* fsync/fdatasync: make written data durable. Returns 0 or -errno. NULL: nothing to do. */
	int (*fsync)(struct file *file, int datasync);
	/* poll/select: the POLL* events ready now; poll_wait() on each queue that is woken when
	 * they change (fs/poll.h). NULL: always readable and writable (DEFAULT_POLLMASK). */
	unsigned int (*poll)(struct file *file, struct poll_table_struct *pt);
};

struct inode {
	unsigned long i_ino;
	umode_t i_mode;
	unsigned int i_nlink;
	unsigned int i_uid, i_gid;
	loff_t i_size;
	u64 i_blocks;			/* 512-byte units on disk (disk file systems; ramfs: 0) */
	int i_count;			/* references */
	struct super_block *i_sb;	/* the disk file system it belongs to; NULL for the RAM
					 * trees (ramfs, /proc, pipes, devices) */
	struct list_head i_sb_list;	/* in i_sb->s_inodes: kept, even unreferenced, while
					 * the file system is mounted (the inode cache) */
	unsigned int i_mounted;		/* file systems mounted on this directory */
	u64 i_atime_ns, i_ctime_ns;
	unsigned long dirtied_when;	/* jiffies when its first page became dirty (write-back) */
	int i_writecount;		/* > 0: opens for writing; < 0: running programs (see
					 * get_write_access / deny_write_access) */
	u64 i_mtime_ns;
	unsigned int i_rdev;		/* device number for S_IFCHR and S_IFBLK */
	struct address_space i_data;	/* the page cache */
	struct address_space *i_mapping;/* = &i_data */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	void *i_private;		/* file system's own data (ramfs: directory entries) */
	struct pipe_inode_info *i_pipe;	/* a pipe or FIFO: its buffer while open (fs/pipe.c) */
};

/*
 * file_ra_state - read-ahead state of one open file (mm/readahead.c): the current window is
 * pages [start, start + size); reaching page start + size - async_size (it carries
 * PG_readahead) starts reading the next window while the reader goes on with this one.
 */
struct file_ra_state {
	unsigned long start;
	unsigned int size;
	unsigned int async_size;
	unsigned int mmap_miss;		/* mapping faults that missed the cache, less the hits */
	unsigned long prev_index;	/* the page read() read last: is the next one sequential? */
};

struct file {
	struct inode *f_inode;
	const struct file_operations *f_op;
	struct address_space *f_mapping;
	loff_t f_pos;
	unsigned int f_flags;		/* O_* flags it was opened with */
	unsigned int f_mode;		/* FMODE_* */
	int f_count;			/* references: fd table slots, VMAs mapping it */
	char f_path[128];		/* path it was opened by (for /proc/PID/maps) */
	void *private_data;		/* /proc: the generated text */
	struct file_ra_state f_ra;	/* read-ahead (zero at open: no window yet) */
};

#define FMODE_WRITER	0x1		/* holds write access to f_inode: its last fput
					 * calls put_write_access */

/*
 * Write access and execution exclude each other (Linux's include/linux/fs.h): a file open
 * for writing cannot be executed, a running program's file cannot be opened for writing or
 * truncated (-ETXTBSY), because its text is the page cache mapped into the processes running
 * it. inode->i_writecount counts the writers (> 0) or, negated, the deniers (< 0): exec holds
 * a denial for as long as an mm runs the file (mm->exe_file, set_mm_exe_file).
 *
 * get_write_access - take write access to @inode: 0, or -ETXTBSY if it is being executed.
 * put_write_access - give it back.
 * deny_write_access - deny writers to @file's inode: 0, or -ETXTBSY if it is open for writing.
 * allow_write_access - drop one denial (@file may be NULL).
 */
static inline int get_write_access(struct inode *inode)
{
	if (inode->i_writecount < 0)
		return -ETXTBSY;
	inode->i_writecount++;
	return 0;
}

static inline void put_write_access(struct inode *inode)
{
	inode->i_writecount--;
}

static inline int deny_write_access(struct file *file)
{
	if (file->f_inode->i_writecount > 0)
		return -ETXTBSY;
	file->f_inode->i_writecount--;
	return 0;
}

static inline void allow_write_access(struct file *file)
{
	if (file)
		file->f_inode->i_writecount++;
}

/*
 * set_mm_exe_file - make @file (may be NULL) the program @mm runs (Linux's kernel/fork.c):
 * takes a reference to it and denies writers for as long as it stays; gives up the old one's
 * reference and denial. exec sets it on the new mm, fork copies it, mmput clears it.
 * Returns 0, or -EACCES if @file is open for writing (exec has denied that already).
 */
int set_mm_exe_file(struct mm_struct *mm, struct file *file);

/*
 * A file descriptor table (per process; copied on fork, shared by vfork children), Linux's
 * struct fdtable inside struct files_struct: @max_fds slots, each NULL or one reference to an
 * open file, and two bitmaps of @max_fds bits, the open descriptors (searched for the lowest
 * free one) and the close-on-exec ones. The arrays live in kmalloc or vmalloc memory and are
 * replaced by ones twice the size (fs/file.c: expand_files) when a descriptor beyond them is
 * needed, up to RLIMIT_NOFILE; they never shrink, so lowering the limit leaves open
 * descriptors above it usable (as Linux).
 */
#define NR_OPEN_DEFAULT 64			/* slots of a new table (BITS_PER_LONG in Linux) */
struct fdtable {
	unsigned int max_fds;
	struct file **fd;			/* max_fds slots */
	unsigned long *open_fds;		/* max_fds bits */
	unsigned long *close_on_exec;		/* max_fds bits */
};
struct files_struct {
	int count;
	unsigned int next_fd;			/* no free descriptor below this one */
	struct fdtable fdt;
};

/*
 * struct fs_struct - a process's current directory (Linux's fs_struct without chroot): the
 * directory, referenced, and the canonical path that reached it (getcwd). Threads made with
 * CLONE_FS share one; fork copies it.
 */
struct fs_struct {
	int users;
	struct inode *pwd;
	char *pwd_path;			/* kmalloc'ed, NUL-terminated */
};

/* fs_struct helpers (fs/fs_struct.c). */
struct fs_struct *fs_struct_root(void);			/* a new one at "/" (init) */
struct fs_struct *copy_fs_struct(struct fs_struct *old);	/* fork */
void put_fs_struct(struct fs_struct *fs);		/* exit: the last user frees it */
/* set_fs_pwd - make @inode (a directory, referenced by the caller: the reference passes to
 * @fs) at @path the current directory. 0 or -ENOMEM (nothing changed, reference dropped). */
int set_fs_pwd(struct fs_struct *fs, struct inode *inode, const char *path);

/* files_lookup_fd_raw - the file at @fd of @files (no new reference), NULL if none. */
static inline struct file *files_lookup_fd_raw(const struct files_struct *files, unsigned int fd)
{
	return fd < files->fdt.max_fds ? files->fdt.fd[fd] : NULL;
}

/* vfs_init - create the root (ramfs), /dev, /proc, and unpack the initramfs module. */
void vfs_init(void);

/* devtmpfs_create_node - add the device node /dev/@name (@mode: S_IFBLK or S_IFCHR and
 * permissions, @dev its number) once drivers have found the device. Returns 0 or -errno. */
int devtmpfs_create_node(const char *name, umode_t mode, unsigned int dev);

/* filp_open - open @path (absolute, or relative to "/") with O_* @flags. Returns the file or ERR_PTR. */
struct file *filp_open(const char *path, int flags, umode_t mode);

/* kernel_read - read up to @count bytes at *@pos into kernel buffer @buf; returns bytes or -errno. */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);

/* fget - the current task's open file at @fd, with a new reference (drop it with fput);
 * NULL if @fd is not open. */
struct file *fget(int fd);

/* console_init - choose the user console's serial port ("userconsole=ttyS1": COM2, else COM1). */
void console_init(void);

/* get_file / fput - take and drop a reference to an open file (the last fput releases it). */
static inline struct file *get_file(struct file *f) { f->f_count++; return f; }
void fput(struct file *file);

/* files_struct helpers (fs/file.c) used by fork, exec and exit. */
struct files_struct *files_alloc(void);
struct files_struct *dup_files(struct files_struct *old);	/* fork: every fd refers to the same file */
void put_files(struct files_struct *files);			/* exit: drop a reference, close all at the last */
void do_close_on_exec(struct files_struct *files);
/* fd_install_console - open the console as fds 0, 1 and 2 of @files (for init). */
int fd_install_console(struct files_struct *files);

/* The page cache (mm/filemap.c). */
/* find_get_page - the cached page @index of @mapping with a new reference, or NULL (also for
 * a shmem page that is out in swap). */
struct page *find_get_page(struct address_space *mapping, unsigned long index);
/*
 * read_cache_page - the page @index, read in through a_ops->readpage (or zeroed) if absent.
 * Returns it referenced and up to date, or ERR_PTR(-ENOMEM/-EIO). *@major is set if I/O ran.
 */
struct page *read_cache_page(struct file *file, struct address_space *mapping,
			     unsigned long index, bool *major);
/* truncate_inode_pages - drop every cached page at or after byte @start. */
void truncate_inode_pages(struct address_space *mapping, loff_t start);
/* The vm_ops for a mapped regular file (filemap_fault). */
extern const struct vm_operations_struct generic_file_vm_ops;
/* generic_file_mmap - f_op->mmap for page-cache files: sets vma->vm_ops. */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);

#endif
