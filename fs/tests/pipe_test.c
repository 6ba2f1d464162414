/*
 * fs/tests/pipe_test.c - self tests of FIFO opens (def_fifo_fops) on an inode made here, until
 * mknod(S_IFIFO) puts FIFOs in the tree: the non-blocking rules of Linux's fifo_open, one pipe
 * shared by every open of the inode, and the pipe freed with the last open file.
 */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "fs/fs.h"
#include "fs/inode.h"
#include "fs/pipe.h"
#include "fs/file_table.h"

KTEST(fifo_open_nonblock)
{
	struct inode *inode = new_inode(S_IFIFO | 0600);
	struct file *rd, *wr, *rw, *err;
	char c = 0;
	loff_t pos = 0;

	KASSERT(t, inode != NULL);
	inode->i_fop = &def_fifo_fops;
	err = alloc_file(inode, O_WRONLY | O_NONBLOCK, "fifo");
	KEXPECT_EQ(t, PTR_ERR(err), -ENXIO);		/* no reader */
	KEXPECT(t, inode->i_pipe == NULL);		/* and no pipe left behind */
	err = alloc_file(inode, O_ACCMODE, "fifo");
	KEXPECT_EQ(t, PTR_ERR(err), -EINVAL);

	rd = alloc_file(inode, O_RDONLY | O_NONBLOCK, "fifo");
	KASSERT(t, !IS_ERR(rd));
	KEXPECT(t, inode->i_pipe != NULL);
	wr = alloc_file(inode, O_WRONLY | O_NONBLOCK, "fifo");
	KASSERT(t, !IS_ERR(wr));
	rw = alloc_file(inode, O_RDWR, "fifo");		/* never waits */
	KASSERT(t, !IS_ERR(rw));
	fput(rd);
	fput(wr);
	KEXPECT(t, inode->i_pipe != NULL);		/* rw still holds both ends */
	fput(rw);
	KEXPECT(t, inode->i_pipe == NULL);

	/* The sizes as for a pipe; a reader without a writer sees end of file at once. */
	rd = alloc_file(inode, O_RDONLY | O_NONBLOCK, "fifo");
	KASSERT(t, !IS_ERR(rd));
	KEXPECT_EQ(t, pipe_fcntl(rd, F_GETPIPE_SZ, 0), 65536);
	KEXPECT_EQ(t, pipe_fcntl(rd, F_SETPIPE_SZ, 5000), 8192);
	KEXPECT_EQ(t, pipe_fcntl(rd, F_SETPIPE_SZ, 2 << 20), -EPERM);
	KEXPECT_EQ(t, rd->f_op->read(rd, (char __user *)&c, 1, &pos), 0);	/* no writer: EOF */
	fput(rd);
	KEXPECT(t, inode->i_pipe == NULL);
	iput(inode);
}
