/*
 * drivers/char/mem.h - the memory devices /dev/null and /dev/zero (Linux's drivers/char/mem.c).
 */
#ifndef FAULTLINE_DRIVERS_MEM_H
#define FAULTLINE_DRIVERS_MEM_H

#include "fs/fs.h"

extern const struct file_operations null_fops;	/* reads: end of file; writes: discarded */
extern const struct file_operations zero_fops;	/* reads: zeros; writes: discarded */

#endif
