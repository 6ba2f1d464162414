/*
 * fs/char_dev.h - character device numbers and how an open of a device node finds its driver.
 *
 * A device node is an inode with S_IFCHR and a device number (i_rdev). Opening it goes
 * through def_chr_fops, whose open looks the number up in the driver table and switches the
 * file to that driver's file_operations (Linux's chrdev_open).
 */
#ifndef FAULTLINE_FS_CHAR_DEV_H
#define FAULTLINE_FS_CHAR_DEV_H

#include "fs/fs.h"

/* Device numbers in the encoding stat() reports (glibc's makedev for numbers below 4096). */
#define MKDEV(ma, mi)	((((mi) & 0xffu) | ((ma) << 8) | (((mi) & ~0xffu) << 12)))
#define MAJOR(dev)	(((dev) >> 8) & 0xfffu)
#define MINOR(dev)	(((dev) & 0xffu) | (((dev) >> 12) & 0xfff00u))

#define MEM_MAJOR	1	/* /dev/null (1:3), /dev/zero (1:5) */
#define TTYAUX_MAJOR	5	/* /dev/console (5:1) */

/* The file_operations of every device node before open: its open finds the driver. */
extern const struct file_operations def_chr_fops;

/* init_special_inode - make @inode a device node of type @mode (S_IFCHR, or S_IFBLK: a disk,
 * fs/block_dev.c) and number @rdev. */
void init_special_inode(struct inode *inode, umode_t mode, unsigned int rdev);

#endif
