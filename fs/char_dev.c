/*
 * fs/char_dev.c - from a device node to its driver (Linux's fs/char_dev.c, without the cdev
 * map: the few drivers Faultline has are listed in one table).
 */
#include "fs/char_dev.h"
#include "fs/pipe.h"
#include "drivers/tty/console.h"
#include "drivers/char/mem.h"
#include "fs/block_dev.h"
#include "kernel/errno.h"

static const struct chrdev {
	unsigned int rdev;
	const struct file_operations *fops;
} chrdevs[] = {
	{ MKDEV(MEM_MAJOR, 3), &null_fops },
	{ MKDEV(MEM_MAJOR, 5), &zero_fops },
	{ MKDEV(TTYAUX_MAJOR, 1), &console_fops },
};

/*
 * chrdev_open - def_chr_fops.open: switch @file to the driver of the node's device number and
 * run the driver's own open, if any. Returns 0, -ENXIO for a number no driver serves, or what
 * the driver's open returns.
 */
static int chrdev_open(struct inode *inode, struct file *file)
{
	for (size_t i = 0; i < ARRAY_SIZE(chrdevs); i++) {
		if (chrdevs[i].rdev != inode->i_rdev)
			continue;
		file->f_op = chrdevs[i].fops;
		return file->f_op->open ? file->f_op->open(inode, file) : 0;
	}
	return -ENXIO;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

/* bad_sock_open - opening a socket's name gives -ENXIO (Linux's bad_sock_fops). */
static int bad_sock_open(struct inode *inode, struct file *file)
{
	(void)inode; (void)file;
	return -ENXIO;
}

static const struct file_operations bad_sock_fops = { .open = bad_sock_open };

void init_special_inode(struct inode *inode, umode_t mode, unsigned int rdev)
{
	inode->i_mode = mode;
	inode->i_rdev = rdev;
	if (S_ISFIFO(mode))
		inode->i_fop = &def_fifo_fops;	/* named pipe: fs/pipe.c */
	else if (S_ISSOCK(mode))
		inode->i_fop = &bad_sock_fops;	/* open: -ENXIO, as Linux */
	else
		inode->i_fop = S_ISBLK(mode) ? &def_blk_fops : &def_chr_fops;
	inode->i_mapping = NULL;	/* a device has no page cache */
}
