/*
 * fs/file.h - file descriptors: the per-process table from small integers to open files.
 * (fget, fput, files_alloc, dup_files, put_files, do_close_on_exec and fd_install_console
 * are declared in fs/fs.h.)
 */
#ifndef FAULTLINE_FS_FILE_H
#define FAULTLINE_FS_FILE_H

#include "fs/fs.h"

/*
 * f_dupfd_files - install @file at the lowest free descriptor >= @from and < @nofile (the
 * RLIMIT_NOFILE to apply) in @files, growing the table as needed and taking a new reference to
 * @file; O_CLOEXEC in @flags sets close-on-exec. Returns the descriptor, -EMFILE if none is
 * free below @nofile, -EINVAL if @from >= @nofile, or -ENOMEM (the table could not grow).
 */
int f_dupfd_files(struct files_struct *files, unsigned int from, unsigned int nofile,
		  struct file *file, unsigned int flags);

/* f_dupfd - f_dupfd_files() on the current task's table with its RLIMIT_NOFILE. */
int f_dupfd(unsigned int from, struct file *file, unsigned int flags);

/* close_fd - close @fd of the current task. Returns 0 or -EBADF. */
int close_fd(unsigned int fd);

/* get_close_on_exec / set_close_on_exec - the FD_CLOEXEC bit of an open @fd (current task). */
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, bool on);

#endif
