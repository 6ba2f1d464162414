/*
 * fs/tests/host/buffer_host.h - the host environment of fs/buffer.c and fs/ext2/: an image
 * file as the disk (pread/pwrite), malloc for kmalloc, stdout for the kernel log, time(2).
 */
#ifndef FAULTLINE_BUFFER_HOST_H
#define FAULTLINE_BUFFER_HOST_H

#include "fs/buffer.h"

/* host_log_quiet: keep log lines out of the output (the corrupt-image rounds). */
extern bool host_log_quiet;
/* host_ext2_errors: "EXT2-fs error" lines logged so far. */
extern unsigned long host_ext2_errors;
/* host_last_log: the last line logged. */
extern char host_last_log[512];
/* host_live_allocs: kmalloc'ed objects not yet freed (leak checks). */
extern long host_live_allocs;

/*
 * host_open_disk - a super_block over the image file @path (read-only if @flags has
 * SB_RDONLY), with its buffer cache set up and s_id "vda". NULL if the file cannot be opened.
 */
struct super_block *host_open_disk(const char *path, unsigned long flags);

/* host_close_disk - close what host_open_disk opened; returns buffers still referenced. */
unsigned long host_close_disk(struct super_block *sb);

#endif
