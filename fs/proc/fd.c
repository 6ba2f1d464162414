/*
 * fs/proc/fd.c - /proc/PID/fd (Linux's fs/proc/fd.c): one entry per open file descriptor,
 * named by its number, each a symbolic link whose target is the file's path ("pipe:[ino]"
 * for a pipe, as Linux names them). The directory holds nothing: lookup and readdir look at
 * the process's descriptor table each time, so a closed descriptor is gone at once.
 */
#include "fs/proc/internal.h"
#include "fs/readdir.h"
#include "fs/inode.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

/*
 * task_fd_file - the file @task has open at @fd, or NULL (no such descriptor, or no table:
 * a zombie). No reference is taken: the caller uses it before anything can sleep.
 */
static struct file *task_fd_file(struct task_struct *task, unsigned int fd)
{
	struct files_struct *files = task->files;

	if (!files || fd >= PROC_FD_MAX)
		return NULL;
	return files_lookup_fd_raw(files, fd);
}

/* proc_fd_readlink - i_op->readlink of /proc/PID/fd/N: the path of the file open at N, or
 * -ENOENT if the process or the descriptor has gone. Returns the length (at most @size). */
static ssize_t proc_fd_readlink(struct inode *inode, char *buf, size_t size)
{
	struct task_struct *task = proc_task(inode);
	struct file *file;
	size_t len;

	if (!task)
		return -ENOENT;
	file = task_fd_file(task, proc_inode_index(inode) - PROC_FD_INDEX);
	if (!file)
		return -ENOENT;
	len = min(strlen(file->f_path), size);
	memcpy(buf, file->f_path, len);
	return (ssize_t)len;
}

static const struct inode_operations proc_fd_link_inode_operations = {
	.readlink = proc_fd_readlink,
};

static const struct proc_entry fd_link_entry = {
	.name = "fd", .mode = S_IFLNK | 0700, .iops = &proc_fd_link_inode_operations,
};

/* name_to_fd - the descriptor a name like "3" stands for, or -1 (not a plain number). */
static int name_to_fd(const char *name, size_t len)
{
	int fd = 0;

	if (len == 0 || len > 5 || (name[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		fd = fd * 10 + (name[i] - '0');
	}
	return fd <= PROC_FD_MAX ? fd : -1;
}

/* proc_fd_lookup - i_op->lookup of /proc/PID/fd: "..", or an open descriptor's link. A new
 * inode (referenced), or NULL. */
static struct inode *proc_fd_lookup(struct inode *dir, const char *name, size_t len)
{
	pid_t pid = proc_inode_pid(dir);
	struct task_struct *task = proc_task(dir);
	int fd;

	if (len == 2 && name[0] == '.' && name[1] == '.')
		return proc_pid_dir(pid);
	fd = name_to_fd(name, len);
	if (!task || fd < 0 || !task_fd_file(task, (unsigned int)fd))
		return NULL;
	return proc_make_inode(&fd_link_entry, proc_ino(pid, PROC_FD_INDEX + (unsigned int)fd));
}

/* proc_fd_readdir - f_op->iterate of /proc/PID/fd: ".", "..", then every open descriptor in
 * order (position 2 + fd). */
static long proc_fd_readdir(struct file *file, void __user *dirent, size_t count)
{
	struct inode *dir = file->f_inode;
	pid_t pid = proc_inode_pid(dir);
	struct dir_context ctx;
	char name[16];

	dir_context_init(&ctx, dirent, count);
	while (file->f_pos >= 0 && file->f_pos < 2) {
		bool ok = file->f_pos == 0 ? dir_emit(&ctx, ".", 1, dir->i_ino, DT_DIR, 1)
					   : dir_emit(&ctx, "..", 2, proc_ino(pid, 0), DT_DIR, 2);

		if (!ok)
			return dir_emit_result(&ctx);
		file->f_pos++;
	}
	for (loff_t fd = file->f_pos - 2; fd >= 0 && fd < PROC_FD_MAX; fd++) {
		struct task_struct *task = proc_task(dir);
		int len;

		if (!task || !task->files || fd >= task->files->fdt.max_fds)
			break;
		if (!task_fd_file(task, (unsigned int)fd))
			continue;
		len = scnprintf(name, sizeof(name), "%ld", (long)fd);
		if (!dir_emit(&ctx, name, (size_t)len, proc_ino(pid, PROC_FD_INDEX + (unsigned int)fd),
			      DT_LNK, fd + 3))
			break;
		file->f_pos = fd + 3;
	}
	return dir_emit_result(&ctx);
}

const struct inode_operations proc_fd_inode_operations = {
	.lookup = proc_fd_lookup,
};

const struct file_operations proc_fd_operations = {
	.iterate = proc_fd_readdir,
};
