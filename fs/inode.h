/*
 * fs/inode.h - inode lifetime: allocation, references (i_count) and the last iput.
 */
#ifndef FAULTLINE_FS_INODE_H
#define FAULTLINE_FS_INODE_H

#include "fs/fs.h"

/* get_next_ino - a fresh inode number (never 0, never reused). */
unsigned long get_next_ino(void);

/*
 * new_inode - a zeroed inode of type and permissions @mode with one reference (the caller's),
 * a fresh i_ino, i_nlink 1, mtime now, and an empty page cache (i_mapping = &i_data).
 * The file system sets i_op, i_fop and the rest. Returns NULL if out of memory.
 */
struct inode *new_inode(umode_t mode);

/* igrab - take another reference to @inode; returns it. */
static inline struct inode *igrab(struct inode *inode)
{
	inode->i_count++;
	return inode;
}

/*
 * iput - drop a reference; the last one frees the inode and its page cache. i_private is not
 * freed: a file system that keeps memory there keeps a reference for as long as it needs it
 * (ramfs directories live as long as their entry in the parent). iput(NULL) does nothing.
 */
void iput(struct inode *inode);

/* evict - free @inode now (its last reference is gone): the file system's part through
 * ->evict_inode, then its page cache. */
void evict(struct inode *inode);

#endif
