/*
 * fs/tests/fs_test.c - in-kernel self tests of the file system: the page cache (references,
 * readpage, truncation, filemap_fault), path lookup, the initramfs unpacker on good and
 * corrupt archives, and the file descriptor table. They run after vfs_init(), so the real
 * root (/dev, /proc) is there; what they create themselves lives in private trees.
 */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "fs/fs.h"
#include "fs/inode.h"
#include "fs/ramfs.h"
#include "fs/namei.h"
#include "fs/file.h"
#include "fs/file_table.h"
#include "fs/initramfs.h"
#include "fs/pagemap.h"
#include "kernel/lib/xarray.h"
#include "mm/mm_types.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

/* A regular ramfs file that belongs to no directory (freed at its last iput). */
static struct inode *new_file_inode(void)
{
	struct inode *inode = ramfs_get_inode(NULL, S_IFREG | 0644, 0);

	return IS_ERR(inode) ? NULL : inode;
}

/* The cache holds one reference to a page, each caller one more; truncation drops the
 * cache's and detaches the page, which lives on while someone holds it. */
KTEST(pagecache_references)
{
	struct inode *inode = new_file_inode();
	unsigned long cached = nr_pagecache_pages();
	struct page *page, *again;
	bool major = true;

	KASSERT(t, inode != NULL);
	page = read_cache_page(NULL, inode->i_mapping, 3, &major);
	KASSERT(t, !IS_ERR(page));
	KEXPECT(t, !major);
	KEXPECT_EQ(t, page_count(page), 2);
	KEXPECT(t, test_page_flag(page, PG_uptodate));
	KEXPECT(t, page->mapping == inode->i_mapping && page->index == 3);
	KEXPECT_EQ(t, inode->i_mapping->nrpages, 1);
	KEXPECT_EQ(t, nr_pagecache_pages(), cached + 1);
	KEXPECT(t, ((u8 *)page_address(page))[100] == 0);
	KEXPECT(t, find_get_page(inode->i_mapping, 2) == NULL);
	again = find_get_page(inode->i_mapping, 3);
	KEXPECT(t, again == page);
	KEXPECT_EQ(t, page_count(page), 3);
	put_page(again);

	truncate_inode_pages(inode->i_mapping, 0);
	KEXPECT_EQ(t, page_count(page), 1);		/* only ours */
	KEXPECT(t, page->mapping == NULL);
	KEXPECT_EQ(t, inode->i_mapping->nrpages, 0);
	KEXPECT_EQ(t, nr_pagecache_pages(), cached);
	put_page(page);
	iput(inode);
}

/* Calls of the callbacks below that broke their contract (a page not locked, still dirty). */
static unsigned long callback_misuse;

static int fill_readpage(struct file *file, struct page *page)
{
	(void)file;
	if (!PageLocked(page) || !page->mapping)	/* it must be in the cache, locked */
		callback_misuse++;
	memset(page_address(page), 'r', PAGE_SIZE);
	set_page_flag(page, PG_uptodate);
	unlock_page(page);
	return 1;					/* "did I/O" */
}

static const struct address_space_operations fill_aops = { .readpage = fill_readpage };

/* A page read through readpage counts as major the first time only. */
KTEST(pagecache_readpage_major)
{
	struct inode *inode = new_file_inode();
	struct page *page;
	bool major = false;

	KASSERT(t, inode != NULL);
	inode->i_data.a_ops = &fill_aops;
	page = read_cache_page(NULL, inode->i_mapping, 0, &major);
	KASSERT(t, !IS_ERR(page));
	KEXPECT(t, major);
	KEXPECT(t, ((char *)page_address(page))[4095] == 'r');
	put_page(page);
	page = read_cache_page(NULL, inode->i_mapping, 0, &major);
	KASSERT(t, !IS_ERR(page));
	KEXPECT(t, !major);
	put_page(page);
	KEXPECT_EQ(t, callback_misuse, 0);
	iput(inode);
}

static int failing_readpage(struct file *file, struct page *page)
{
	(void)file;
	unlock_page(page);				/* not uptodate: the read failed */
	return -EIO;
}

static const struct address_space_operations failing_aops = { .readpage = failing_readpage };

/* A failed read returns -EIO and leaves nothing in the cache for the next reader to trust. */
KTEST(pagecache_failed_read_leaves_nothing)
{
	struct inode *inode = new_file_inode();
	unsigned long free_before = nr_free_pages(), cached = nr_pagecache_pages();
	struct page *page;

	KASSERT(t, inode != NULL);
	inode->i_data.a_ops = &failing_aops;
	page = read_cache_page(NULL, inode->i_mapping, 5, NULL);
	KEXPECT(t, IS_ERR(page) && PTR_ERR(page) == -EIO);
	KEXPECT_EQ(t, inode->i_mapping->nrpages, 0);
	KEXPECT_EQ(t, nr_pagecache_pages(), cached);
	KEXPECT(t, xa_empty(&inode->i_mapping->i_pages));
	KEXPECT_EQ(t, nr_free_pages(), free_before);
	iput(inode);
}

/* The cache is a radix tree: a page 1 TiB into a file costs a path of nodes, not an array
 * as long as the file (the old flat array would have needed 2 MiB for this index). */
KTEST(pagecache_sparse_index_is_cheap)
{
	struct inode *inode = new_file_inode();
	unsigned long nodes = xa_nr_nodes(), index = 1UL << 28;
	struct page *page;

	KASSERT(t, inode != NULL);
	page = read_cache_page(NULL, inode->i_mapping, index, NULL);
	KASSERT(t, !IS_ERR(page));
	KEXPECT(t, xa_nr_nodes() - nodes <= 5);
	KEXPECT(t, find_get_page(inode->i_mapping, index - 1) == NULL);
	put_page(page);
	truncate_inode_pages(inode->i_mapping, 0);
	KEXPECT_EQ(t, xa_nr_nodes(), nodes);
	iput(inode);
}

static unsigned long pages_written;

static int record_writepage(struct page *page)
{
	if (!PageLocked(page) || PageDirty(page))
		callback_misuse++;
	set_page_writeback(page);
	unlock_page(page);
	pages_written++;
	end_page_writeback(page);		/* "the I/O completed at once" */
	return 0;
}

static const struct address_space_operations writeback_aops = {
	.readpage = fill_readpage, .writepage = record_writepage,
};

/* Dirty pages are tagged in the cache; write-back writes exactly those, once, and leaves
 * them clean. A cache without ->writepage (ramfs) never marks a page dirty. */
KTEST(pagecache_dirty_tags_and_writeback)
{
	struct inode *inode = new_file_inode(), *ram = new_file_inode();
	struct page *pages[3], *rpage;

	KASSERT(t, inode != NULL && ram != NULL);
	inode->i_data.a_ops = &writeback_aops;
	for (int i = 0; i < 3; i++) {
		pages[i] = read_cache_page(NULL, inode->i_mapping, (unsigned long)i * 100, NULL);
		KASSERT(t, !IS_ERR(pages[i]));
	}
	KEXPECT(t, set_page_dirty(pages[0]));
	KEXPECT(t, !set_page_dirty(pages[0]));		/* already dirty */
	KEXPECT(t, set_page_dirty(pages[2]));
	KEXPECT(t, xa_get_mark(&inode->i_mapping->i_pages, 200, PAGECACHE_TAG_DIRTY));
	KEXPECT(t, !xa_get_mark(&inode->i_mapping->i_pages, 100, PAGECACHE_TAG_DIRTY));
	pages_written = 0;
	KEXPECT_EQ(t, filemap_write_and_wait(inode->i_mapping), 0);
	KEXPECT_EQ(t, pages_written, 2);
	KEXPECT(t, !PageDirty(pages[0]) && !PageDirty(pages[2]) && !PageWriteback(pages[0]));
	KEXPECT(t, !xa_marked(&inode->i_mapping->i_pages, PAGECACHE_TAG_DIRTY));
	KEXPECT(t, !xa_marked(&inode->i_mapping->i_pages, PAGECACHE_TAG_WRITEBACK));
	KEXPECT_EQ(t, filemap_write_and_wait(inode->i_mapping), 0);
	KEXPECT_EQ(t, pages_written, 2);		/* nothing dirty: nothing written */
	KEXPECT_EQ(t, callback_misuse, 0);

	rpage = read_cache_page(NULL, ram->i_mapping, 0, NULL);
	KASSERT(t, !IS_ERR(rpage));
	KEXPECT(t, !set_page_dirty(rpage));
	KEXPECT(t, !PageDirty(rpage));
	put_page(rpage);
	for (int i = 0; i < 3; i++)
		put_page(pages[i]);
	iput(inode);
	iput(ram);
}

/* Shrinking to a size inside a page keeps that page but zeroes its tail. */
KTEST(pagecache_truncate_partial_page)
{
	struct inode *inode = new_file_inode();
	struct page *page;
	char *p;

	KASSERT(t, inode != NULL);
	for (unsigned long i = 0; i < 3; i++) {
		page = read_cache_page(NULL, inode->i_mapping, i, NULL);
		KASSERT(t, !IS_ERR(page));
		memset(page_address(page), 'd', PAGE_SIZE);
		put_page(page);
	}
	inode->i_size = PAGE_SIZE + 10;
	truncate_pagecache(inode, PAGE_SIZE + 10);
	KEXPECT_EQ(t, inode->i_mapping->nrpages, 2);
	page = find_get_page(inode->i_mapping, 1);
	KASSERT(t, page != NULL);
	p = page_address(page);
	KEXPECT(t, p[9] == 'd' && p[10] == 0 && p[4095] == 0);
	put_page(page);
	KEXPECT(t, find_get_page(inode->i_mapping, 2) == NULL);
	iput(inode);
}

/* filemap_fault: pages inside the file come back referenced; a page wholly past the end of
 * the file is SIGBUS; vmf->pgoff counts from the VMA's file offset. */
KTEST(filemap_fault_and_sigbus)
{
	struct inode *inode = new_file_inode();
	struct vm_area_struct vma;
	struct vm_fault vmf;
	struct file *file;
	vm_fault_t ret;

	KASSERT(t, inode != NULL);
	inode->i_size = 2 * PAGE_SIZE + 1;		/* pages 0, 1, 2 */
	file = alloc_file(inode, O_RDONLY, "/ktest-file");
	iput(inode);
	KASSERT(t, !IS_ERR(file));
	memset(&vma, 0, sizeof(vma));
	vma.vm_start = 0x400000;
	vma.vm_end = 0x400000 + 4 * PAGE_SIZE;
	vma.vm_pgoff = 1;
	vma.vm_file = file;
	KEXPECT_EQ(t, generic_file_mmap(file, &vma), 0);
	KASSERT(t, vma.vm_ops == &generic_file_vm_ops);

	memset(&vmf, 0, sizeof(vmf));
	vmf.vma = &vma;
	vmf.address = 0x400000 + PAGE_SIZE;		/* file page 2 */
	ret = vma.vm_ops->fault(&vmf);
	KEXPECT_EQ(t, ret, 0);
	KEXPECT_EQ(t, vmf.pgoff, 2);
	KASSERT(t, vmf.page != NULL);
	KEXPECT_EQ(t, page_count(vmf.page), 2);		/* the cache's and ours */
	put_page(vmf.page);

	memset(&vmf, 0, sizeof(vmf));
	vmf.vma = &vma;
	vmf.address = 0x400000 + 2 * PAGE_SIZE;		/* file page 3: past the end */
	KEXPECT_EQ(t, vma.vm_ops->fault(&vmf), VM_FAULT_SIGBUS);
	KEXPECT(t, vmf.page == NULL);
	fput(file);
}

/* Path lookup on the real root: ".", "..", repeated slashes, and the error cases. */
KTEST(namei_lookup)
{
	static const struct {
		const char *path;
		long err;
	} cases[] = {
		{ "/dev/null", 0 }, { "//dev///./null", 0 }, { "/dev/../dev/zero", 0 },
		{ "dev/null", 0 }, { "./dev/console", 0 }, { "/..", 0 }, { "/", 0 },
		{ "/nope", -ENOENT }, { "/dev/nope", -ENOENT }, { "", -ENOENT },
		{ "/dev/null/", -ENOTDIR }, { "/dev/null/x", -ENOTDIR },
		{ "/dev/null/..", -ENOTDIR },
	};
	char name[300], path[128];
	struct nameidata nd;
	struct inode *inode;

	KASSERT(t, root_inode != NULL);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		inode = kern_path(cases[i].path);
		if (cases[i].err) {
			KEXPECT_EQ(t, IS_ERR(inode) ? PTR_ERR(inode) : 0, cases[i].err);
			if (!IS_ERR(inode))
				iput(inode);
		} else {
			KEXPECT(t, !IS_ERR(inode));
			if (!IS_ERR(inode))
				iput(inode);
		}
	}
	inode = kern_path("/..");
	KEXPECT(t, inode == root_inode);
	iput(inode);
	inode = kern_path("/dev/null");
	KASSERT(t, !IS_ERR(inode));
	KEXPECT(t, S_ISCHR(inode->i_mode));
	iput(inode);

	memset(name, 'n', sizeof(name) - 1);
	name[0] = '/';
	name[sizeof(name) - 1] = '\0';
	inode = kern_path(name);
	KEXPECT_EQ(t, IS_ERR(inode) ? PTR_ERR(inode) : 0, -ENAMETOOLONG);

	/* The canonical path of a walk, as open() keeps it for /proc/PID/maps. */
	path_init_at(&nd, root_inode, root_inode, path, sizeof(path));
	KEXPECT_EQ(t, path_walk(&nd, "dev/./../dev//null", 0), 0);
	KEXPECT(t, strcmp(path, "/dev/null") == 0);
	path_put(&nd);
	path_init_at(&nd, root_inode, root_inode, path, sizeof(path));
	KEXPECT_EQ(t, path_walk(&nd, "/dev/newfile", LOOKUP_PARENT), 0);
	KEXPECT(t, nd.last_len == 7 && memcmp(nd.last, "newfile", 7) == 0);
	KEXPECT(t, strcmp(path, "/dev") == 0);
	path_put(&nd);
}

/* add_entry - append a newc entry to @buf at *@len (the kernel's own snprintf). */
static void add_entry(char *buf, size_t *len, const char *name, unsigned int mode,
		      const char *data, size_t size)
{
	size_t namesize = strlen(name) + 1;

	*len += (size_t)scnprintf(buf + *len, 200, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X"
				  "%08X%08X%08X%08X", 1, mode, 0, 0, 1, 1000, (unsigned int)size,
				  0, 0, 5, 1, (unsigned int)namesize, 0);
	memcpy(buf + *len, name, namesize);
	*len += namesize;
	while (*len % 4)
		buf[(*len)++] = 0;
	memcpy(buf + *len, data, size);
	*len += size;
	while (*len % 4)
		buf[(*len)++] = 0;
}

/* read_whole - the first @size bytes of regular file @inode, through kernel_read. */
static ssize_t read_whole(struct inode *inode, char *buf, size_t size)
{
	struct file *file = alloc_file(inode, O_RDONLY, "");
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(file))
		return PTR_ERR(file);
	n = kernel_read(file, buf, size, &pos);
	fput(file);
	return n;
}

/* The unpacker makes directories, files (data in the page cache, mode, mtime), device nodes
 * and symbolic links (the entry's data is the target; an empty target is skipped); a corrupt
 * header stops it with -EINVAL, keeping what came before. */
KTEST(initramfs_unpack)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	struct inode *dir = ramfs_get_inode(NULL, S_IFDIR | 0755, 0), *inode;
	struct nameidata nd;
	size_t len = 0, second;
	char data[8];

	KASSERT(t, buf != NULL);
	KASSERT(t, !IS_ERR(dir));
	add_entry(buf, &len, ".", S_IFDIR | 0755, "", 0);
	add_entry(buf, &len, "d", S_IFDIR | 0700, "", 0);
	second = len;
	add_entry(buf, &len, "d/file", S_IFREG | 0751, "hello", 5);
	add_entry(buf, &len, "d/tty", S_IFCHR | 0600, "", 0);
	add_entry(buf, &len, "d/link", S_IFLNK | 0777, "file", 4);
	add_entry(buf, &len, "d/empty", S_IFLNK | 0777, "", 0);	/* skipped: no target */
	add_entry(buf, &len, "nodir/x", S_IFREG | 0644, "x", 1);	/* skipped: no parent */
	add_entry(buf, &len, "TRAILER!!!", 0, "", 0);
	KEXPECT_EQ(t, unpack_to_rootfs(dir, buf, len), 7);

	path_init_at(&nd, dir, dir, NULL, 0);
	KEXPECT_EQ(t, path_walk(&nd, "d/file", 0), 0);
	inode = nd.inode;
	KEXPECT_EQ(t, inode->i_mode, S_IFREG | 0751);
	KEXPECT_EQ(t, inode->i_size, 5);
	KEXPECT_EQ(t, inode->i_mtime_ns, 1000UL * 1000000000UL);
	KEXPECT_EQ(t, read_whole(inode, data, sizeof(data)), 5);
	KEXPECT(t, memcmp(data, "hello", 5) == 0);
	path_put(&nd);
	path_init_at(&nd, dir, dir, NULL, 0);
	KEXPECT_EQ(t, path_walk(&nd, "/d/tty", 0), 0);
	KEXPECT(t, S_ISCHR(nd.inode->i_mode) && nd.inode->i_rdev == ((5u << 8) | 1));
	path_put(&nd);
	path_init_at(&nd, dir, dir, NULL, 0);
	KEXPECT_EQ(t, path_walk(&nd, "d/link", 0), 0);		/* the link itself */
	inode = nd.inode;
	KEXPECT(t, inode && S_ISLNK(inode->i_mode) && inode->i_op && inode->i_op->readlink);
	if (inode && S_ISLNK(inode->i_mode) && inode->i_op && inode->i_op->readlink) {
		KEXPECT_EQ(t, inode->i_op->readlink(inode, data, sizeof(data)), 4);
		KEXPECT(t, memcmp(data, "file", 4) == 0);
	}
	path_put(&nd);
	path_init_at(&nd, dir, dir, NULL, 0);
	KEXPECT_EQ(t, path_walk(&nd, "d/link", LOOKUP_FOLLOW), 0);	/* d/file */
	KEXPECT(t, nd.inode && S_ISREG(nd.inode->i_mode) && nd.inode->i_size == 5);
	path_put(&nd);
	path_init_at(&nd, dir, dir, NULL, 0);
	KEXPECT_EQ(t, path_walk(&nd, "d/empty", 0), -ENOENT);
	path_put(&nd);
	ramfs_kill_tree(dir);

	/* Corrupt the third header's c_filesize: the first two entries stay. */
	dir = ramfs_get_inode(NULL, S_IFDIR | 0755, 0);
	KASSERT(t, !IS_ERR(dir));
	buf[second + 6 + 6 * 8] = 'z';
	KEXPECT_EQ(t, unpack_to_rootfs(dir, buf, len), -EINVAL);
	inode = lookup_one_len("d", dir, 1);
	KEXPECT(t, !IS_ERR(inode));
	if (!IS_ERR(inode))
		iput(inode);
	/* And a truncated archive: no trailer. */
	KEXPECT_EQ(t, unpack_to_rootfs(dir, buf, second), -EINVAL);
	ramfs_kill_tree(dir);
	kfree(buf);
}

/* Descriptors: the lowest free one, fork's copy sharing files, close-on-exec, exit; the table
 * grows past its first NR_OPEN_DEFAULT slots up to the limit given. */
KTEST(files_struct_fds)
{
	struct files_struct *files = files_alloc(), *child;
	struct file *file = filp_open("/dev/null", O_RDWR, 0);

	KASSERT(t, files != NULL);
	KASSERT(t, !IS_ERR(file));
	KEXPECT_EQ(t, f_dupfd_files(files, 0, 1024, file, 0), 0);
	KEXPECT_EQ(t, f_dupfd_files(files, 0, 1024, file, O_CLOEXEC), 1);
	KEXPECT_EQ(t, f_dupfd_files(files, 5, 1024, file, 0), 5);
	KEXPECT_EQ(t, f_dupfd_files(files, 0, 1024, file, 0), 2);
	KEXPECT_EQ(t, f_dupfd_files(files, 1024, 1024, file, 0), -EINVAL);
	KEXPECT_EQ(t, f_dupfd_files(files, 3, 4, file, 0), 3);
	KEXPECT_EQ(t, f_dupfd_files(files, 3, 4, file, 0), -EMFILE);
	KEXPECT_EQ(t, f_dupfd_files(files, 700, 1024, file, O_CLOEXEC), 700);
	KEXPECT_EQ(t, files->fdt.max_fds, 1024);
	KEXPECT_EQ(t, file->f_count, 7);
	child = dup_files(files);
	KASSERT(t, child != NULL);
	KEXPECT_EQ(t, file->f_count, 13);
	do_close_on_exec(child);
	KEXPECT(t, files_lookup_fd_raw(child, 1) == NULL && files_lookup_fd_raw(child, 0) == file);
	KEXPECT(t, files_lookup_fd_raw(child, 700) == NULL);
	KEXPECT_EQ(t, f_dupfd_files(child, 0, 1024, file, 0), 1);
	KEXPECT_EQ(t, file->f_count, 12);
	put_files(child);
	put_files(files);
	KEXPECT_EQ(t, file->f_count, 1);
	fput(file);
}
