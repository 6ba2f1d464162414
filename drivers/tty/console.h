/*
 * drivers/tty/console.h - /dev/console: the user's terminal on a serial port.
 */
#ifndef FAULTLINE_DRIVERS_CONSOLE_H
#define FAULTLINE_DRIVERS_CONSOLE_H

#include "fs/fs.h"

/* console_init() (declared in fs/fs.h) picks the port: COM1, shared with the kernel log, or
 * COM2 if the command line says userconsole=ttyS1 (it initialises COM2 then). */

extern const struct file_operations console_fops;

#endif
