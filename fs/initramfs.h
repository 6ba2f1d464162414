/*
 * fs/initramfs.h - filling the root file system from the initramfs boot module.
 */
#ifndef FAULTLINE_FS_INITRAMFS_H
#define FAULTLINE_FS_INITRAMFS_H

#include "fs/fs.h"

/*
 * unpack_to_rootfs - unpack the cpio newc archive @buf (@len bytes) into directory @root:
 * directories, regular files (their data copied into page-cache pages) and character device
 * nodes, with their permission bits and mtime. Entries of other types, entries whose parent
 * directory is missing, and names that clash with another type are skipped with a warning.
 * A corrupt archive is reported with pr_err (the offset and the problem) and unpacking stops
 * there, keeping what was unpacked before. Returns the number of entries unpacked, or
 * -EINVAL (corrupt) or -ENOMEM (out of memory).
 */
int unpack_to_rootfs(struct inode *root, const void *buf, size_t len);

/* populate_rootfs - unpack the boot module named "initramfs", if there is one, into @root.
 * Returns what unpack_to_rootfs returned, or 0 if there is no such module. */
int populate_rootfs(struct inode *root);

#endif
