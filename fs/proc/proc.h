/*
 * fs/proc/proc.h - the /proc file system: the kernel's state as generated, read-only files.
 */
#ifndef FAULTLINE_FS_PROC_H
#define FAULTLINE_FS_PROC_H

#include "fs/fs.h"

/*
 * proc_root_init - make the /proc directory and enter it as "proc" in ramfs directory
 * @parent (its ".." leads back there). Returns 0, or -ENOMEM / -EEXIST.
 */
int proc_root_init(struct inode *parent);

#endif
