/*
 * fs/ext2/aops.c - an ext2 file's data through the page cache (Linux's ext2_aops, with
 * mpage/buffer I/O reduced to what a page of blocks needs).
 *
 * Seed concept: "whenever a page gets evicted there is a write back". A cached page of a file
 * is PAGE_SIZE / block size blocks of it (4 with 1 KiB blocks, 1 with 4 KiB blocks).
 *   readpage   maps each block (ext2_get_block, create = 0: a hole stays zero) and reads the
 *              mapped ones into the page; the page is locked meanwhile, and the I/O makes the
 *              fault that waited for it a major fault.
 *   write()    puts each page in the cache (read first if only part of it is overwritten),
 *              allocates the blocks under it (create = 1: -ENOSPC comes back here, at write
 *              time, never at write-back), copies the user's bytes in and marks it dirty.
 *   mmap       a shared writable mapping's page starts read-only: the first write faults
 *              into ext2_page_mkwrite, which allocates the blocks and marks it dirty; write-
 *              back makes it read-only again (page_mkclean), so a later write is seen again.
 *   writepage  write-back of one dirty page: its blocks are written from the page while it
 *              is PG_writeback (and unlocked: readers and mappings go on using it).
 * The I/O is synchronous per page; the block map is read and changed under s_mutex, which is
 * never held across a copy to or from user memory (that copy may fault on a page of this very
 * file system).
 */
#include "fs/ext2/vfs.h"
#include "fs/pagemap.h"
#include "fs/mount.h"
#include "mm/page.h"
#include "mm/mm_types.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"

#define MAX_BLOCKS_PER_PAGE	(PAGE_SIZE >> EXT2_MIN_BLOCK_LOG_SIZE)

/*
 * ext2_map_page - map the blocks of @page's file range that lie before @end (a byte offset)
 * into @blocks (0: a hole), allocating holes if @create. Takes s_mutex (killable when
 * @killable). Returns how many blocks the page has, or -errno.
 */
static int ext2_map_page(struct inode *inode, struct page *page, loff_t end, int create,
			 u32 *blocks, bool killable)
{
	struct super_block *sb = inode->i_sb;
	unsigned int bits = sb->s_blocksize_bits, n = PAGE_SIZE >> bits, i;
	sector_t iblock = (sector_t)page->index << (PAGE_SHIFT - bits);
	int err = 0;

	if (killable) {
		err = mutex_lock_killable(&sb->s_mutex);
		if (err)
			return err;
	} else {
		mutex_lock(&sb->s_mutex);
	}
	for (i = 0; i < n; i++) {
		struct buffer_head map = { 0 };

		blocks[i] = 0;
		if (((loff_t)(iblock + i) << bits) >= end)
			continue;
		err = ext2_get_block(EXT2_I(inode), iblock + i, &map, create);
		if (err)
			break;
		if (buffer_mapped(&map))
			blocks[i] = (u32)map.b_blocknr;
	}
	if (create && i)
		ext2_vfs_write_inode(inode);	/* i_block[] and i_blocks may have changed */
	inode->i_blocks = EXT2_I(inode)->i_blocks;
	mutex_unlock(&sb->s_mutex);
	return err ? err : (int)n;
}

/*
 * ext2_page_io - read or write (@op) the @n blocks of @page: runs of consecutive mapped
 * blocks go to the disk as one request each; holes are zeroed on a read. Returns 0, -EIO or
 * -EINTR, and in *@did_io whether any I/O ran.
 */
static int ext2_page_io(struct super_block *sb, struct page *page, const u32 *blocks,
			unsigned int n, int op, bool *did_io)
{
	unsigned int bits = sb->s_blocksize_bits, i = 0;
	int err = 0;

	*did_io = false;
	while (i < n) {
		unsigned int j = i + 1;

		if (!blocks[i]) {
			if (op == REQ_OP_READ)
				memset((char *)page_address(page) + (i << bits), 0, sb->s_blocksize);
			i++;
			continue;
		}
		while (j < n && blocks[j] == blocks[j - 1] + 1)
			j++;
		err = bdev_rw_page(sb->s_bdev, (sector_t)blocks[i] << (bits - SECTOR_SHIFT), page,
				   i << bits, (j - i) << bits, op);
		*did_io = true;
		if (err)
			return err;
		i = j;
	}
	return 0;
}

/* ext2_readpage - a_ops->readpage (see the top of the file). Returns 1 if it read the disk,
 * 0 if the page was all holes, or -errno (the page is then unlocked, not uptodate). */
static int ext2_readpage(struct file *file, struct page *page)
{
	struct inode *inode = page->mapping->host;
	u32 blocks[MAX_BLOCKS_PER_PAGE];
	bool did_io = false;
	int n, err;

	(void)file;
	n = ext2_map_page(inode, page, inode->i_size, 0, blocks, true);
	err = n < 0 ? n : ext2_page_io(inode->i_sb, page, blocks, (unsigned int)n, REQ_OP_READ,
				       &did_io);
	if (!err)
		set_page_flag(page, PG_uptodate);
	unlock_page(page);
	if (err == -EINTR || err == -ENOMEM)
		return err;
	return err ? -EIO : did_io;
}

/* ext2_writepage - a_ops->writepage: @page is locked and no longer marked dirty. Returns 0 or
 * -errno (the data did not reach the disk: logged, as Linux's "lost async page write"). */
static int ext2_writepage(struct page *page)
{
	struct inode *inode = page->mapping->host;
	u32 blocks[MAX_BLOCKS_PER_PAGE];
	bool did_io;
	int n, err;

	if ((loff_t)page->index << PAGE_SHIFT >= inode->i_size) {
		unlock_page(page);			/* truncated meanwhile: nothing to write */
		return 0;
	}
	n = ext2_map_page(inode, page, inode->i_size, 1, blocks, false);
	set_page_writeback(page);
	unlock_page(page);
	err = n < 0 ? n : ext2_page_io(inode->i_sb, page, blocks, (unsigned int)n,
				       REQ_OP_WRITE, &did_io);
	end_page_writeback(page);
	if (err)
		pr_err("%s: lost page write of inode %lu page %lu (%d)\n", inode->i_sb->s_id,
		       inode->i_ino, page->index, err);
	return err;
}

const struct address_space_operations ext2_aops = {
	.readpage = ext2_readpage,
	.writepage = ext2_writepage,
};

ssize_t ext2_file_write_iter(struct file *file, const char __user *buf, size_t count,
			     loff_t *pos)
{
	struct inode *inode = file->f_inode;
	struct super_block *sb = inode->i_sb;
	loff_t max = (loff_t)ext2_max_size(sb);
	u32 blocks[MAX_BLOCKS_PER_PAGE];
	size_t done = 0;
	int err = 0;

	if (IS_RDONLY(inode))
		return -EROFS;
	if (file->f_flags & O_APPEND)
		*pos = inode->i_size;
	if (*pos < 0)
		return -EINVAL;
	if (!count)
		return 0;
	if (*pos >= max)
		return -EFBIG;
	count = min(count, (size_t)(max - *pos));
	while (done < count) {
		loff_t p = *pos + (loff_t)done;
		size_t off = (size_t)p & ~PAGE_MASK;
		size_t chunk = min(PAGE_SIZE - off, count - done);
		struct page *page = read_cache_page(file, file->f_mapping,
						    (unsigned long)p >> PAGE_SHIFT, NULL);
		unsigned long left;
		int n;

		if (IS_ERR(page)) {
			err = (int)PTR_ERR(page);
			break;
		}
		n = ext2_map_page(inode, page, p + (loff_t)chunk, 1, blocks, true);
		if (n < 0) {
			put_page(page);
			err = n;
			break;
		}
		left = copy_from_user((char *)page_address(page) + off, buf + done, chunk);
		set_page_dirty(page);
		put_page(page);
		done += chunk - left;
		if (*pos + (loff_t)done > inode->i_size)
			inode->i_size = *pos + (loff_t)done;
		if (left) {
			err = -EFAULT;
			break;
		}
		balance_dirty_pages(file->f_mapping);
		cond_resched();
	}
	if (done) {
		inode->i_mtime_ns = inode->i_ctime_ns = ktime_get_real_ns();
		mutex_lock(&sb->s_mutex);
		ext2_vfs_write_inode(inode);
		mutex_unlock(&sb->s_mutex);
	}
	if (!done)
		return err;
	*pos += (loff_t)done;
	return (ssize_t)done;
}

int ext2_fsync(struct file *file, int datasync)
{
	struct inode *inode = file->f_inode;
	struct super_block *sb = inode->i_sb;
	int err = filemap_write_and_wait(inode->i_mapping);
	int err2;

	(void)datasync;			/* the block map is metadata data needs: write it too */
	mutex_lock(&sb->s_mutex);
	err2 = ext2_vfs_write_inode(inode);
	if (!err2)
		err2 = ext2_sync_fs(sb);
	mutex_unlock(&sb->s_mutex);
	if (!err2)
		err2 = sync_blockdev(sb);
	if (!err2)
		err2 = blkdev_issue_flush(sb->s_bdev);
	return err ? err : err2;
}

/*
 * ext2_page_mkwrite - vm_ops->page_mkwrite: the first write to a clean page of a shared
 * mapping. Allocates the blocks under it (SIGBUS on -ENOSPC, as Linux) and marks it dirty;
 * the fault path then maps it writable. VM_FAULT_SIGBUS also if it was truncated meanwhile.
 */
static vm_fault_t ext2_page_mkwrite(struct vm_fault *vmf)
{
	struct page *page = vmf->page;
	struct inode *inode = vmf->vma->vm_file->f_inode;
	u32 blocks[MAX_BLOCKS_PER_PAGE];
	int n;

	if (lock_page_killable(page))
		return VM_FAULT_SIGBUS;
	if (page->mapping != inode->i_mapping ||
	    (loff_t)page->index << PAGE_SHIFT >= inode->i_size) {
		unlock_page(page);
		return VM_FAULT_SIGBUS;
	}
	n = ext2_map_page(inode, page, inode->i_size, 1, blocks, true);
	if (n >= 0) {
		set_page_dirty(page);
		inode->i_mtime_ns = inode->i_ctime_ns = ktime_get_real_ns();
	}
	unlock_page(page);
	return n < 0 ? (n == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS) : 0;
}

/* ext2_vma_open / ext2_vma_close - a VMA of the file appears (mmap, fork, split) or goes:
 * count the shared ones, whose PTEs write-back must write-protect. */
static void ext2_vma_open(struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		vma->vm_file->f_mapping->i_mmap_writable++;
}

static void ext2_vma_close(struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		vma->vm_file->f_mapping->i_mmap_writable--;
}

const struct vm_operations_struct ext2_file_vm_ops = {
	.fault = filemap_fault,
	.page_mkwrite = ext2_page_mkwrite,
	.open = ext2_vma_open,
	.close = ext2_vma_close,
};

/* ext2_file_mmap - f_op->mmap: the page cache, with write notification for shared mappings. */
int ext2_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	vma->vm_ops = &ext2_file_vm_ops;
	ext2_vma_open(vma);
	return 0;
}
