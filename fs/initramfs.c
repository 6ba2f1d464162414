/*
 * fs/initramfs.c - unpack the initramfs into the RAM file system (Linux's init/initramfs.c).
 *
 * GRUB loads the archive as the Multiboot2 module "initramfs"; it stays in the physical memory
 * GRUB put it in and is read through the direct map. Each file's data is copied into its page
 * cache here, so after boot a file's bytes live in exactly one place: the pages that read()
 * copies from and that mmap() maps.
 *
 * Symbolic links are made with the directory's i_op->symlink, the entry's data being the target
 * (as cpio stores them): Debian's busybox finds its applets through /bin/ls -> busybox.
 *
 * The archive is untrusted input. The header parser (fs/cpio.c) checks every length against
 * the end of the module; a corrupt archive is refused at the first bad byte with a message
 * that names its offset and the problem, and what came before it stays unpacked.
 */
#include "fs/initramfs.h"
#include "fs/pagemap.h"
#include "fs/cpio.h"
#include "fs/namei.h"
#include "fs/inode.h"
#include "fs/open.h"
#include "fs/ramfs.h"
#include "fs/char_dev.h"
#include "mm/page_alloc.h"
#include "mm/memlayout.h"
#include "mm/slab.h"
#include "kernel/multiboot2.h"
#include "kernel/printk.h"
#include "kernel/errno.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"

/* fill_file - make @size bytes of @data the contents of regular file @inode (its page cache).
 * Returns 0 or -ENOMEM. */
static int fill_file(struct inode *inode, const u8 *data, size_t size)
{
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		size_t chunk = min(size - off, PAGE_SIZE);
		struct page *page;

		page = read_cache_page(NULL, inode->i_mapping, off >> PAGE_SHIFT, NULL);

		if (IS_ERR(page))
			return (int)PTR_ERR(page);
		memcpy(page_address(page), data + off, chunk);
		set_page_dirty(page);		/* a no-op on ramfs: nothing to write back */
		put_page(page);
	}
	inode->i_size = (loff_t)size;
	return 0;
}

/*
 * make_node - find or create @base (@blen bytes) in @dir as entry @e says. Returns the inode,
 * referenced, NULL if the entry is to be skipped (a warning was printed), or ERR_PTR(-ENOMEM).
 */
static struct inode *make_node(struct inode *dir, const char *base, size_t blen,
			       const struct cpio_entry *e, const char *name)
{
	umode_t type = e->mode & S_IFMT;
	struct inode *inode = lookup_one_len(base, dir, blen);

	if (!IS_ERR(inode)) {
		if ((inode->i_mode & S_IFMT) == type &&
		    (!S_ISREG(type) || (inode->i_mapping && !do_truncate(inode, 0))))
			return inode;	/* reuse it: a directory, a device, a file emptied */
		pr_warn("initramfs: %s: exists and cannot be replaced, skipped\n", name);
		iput(inode);
		return NULL;
	}
	if (PTR_ERR(inode) != -ENOENT) {
		pr_warn("initramfs: %s: lookup failed (%ld), skipped\n", name, PTR_ERR(inode));
		return NULL;
	}
	if (!dir->i_op || !dir->i_op->create) {
		pr_warn("initramfs: %s: cannot create files in that directory, skipped\n", name);
		return NULL;
	}
	inode = dir->i_op->create(dir, base, blen, type | (e->mode & 07777));
	if (IS_ERR(inode) && PTR_ERR(inode) != -ENOMEM) {
		pr_warn("initramfs: %s: cannot create it (%ld), skipped\n", name, PTR_ERR(inode));
		return NULL;
	}
	return inode;
}

/*
 * make_symlink - create symbolic link @base in @dir whose target is entry @e's data (@name is
 * the entry's path, for warnings). An empty or over-long target, or a name that exists, is
 * skipped with a warning. Returns 0 or -ENOMEM.
 */
static int make_symlink(struct inode *dir, const char *base, const struct cpio_entry *e,
			const char *name)
{
	char *target;
	int err;

	if (e->filesize == 0 || e->filesize >= PATH_MAX || memchr(e->data, '\0', e->filesize)) {
		pr_warn("initramfs: %s: a symbolic link without a valid target, skipped\n", name);
		return 0;
	}
	if (!dir->i_op || !dir->i_op->symlink) {
		pr_warn("initramfs: %s: cannot make links in that directory, skipped\n", name);
		return 0;
	}
	target = kmalloc(e->filesize + 1, GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	memcpy(target, e->data, e->filesize);
	target[e->filesize] = '\0';
	err = dir->i_op->symlink(dir, base, strlen(base), target);
	kfree(target);
	if (err && err != -ENOMEM) {
		pr_warn("initramfs: %s: cannot make the link (%d), skipped\n", name, err);
		err = 0;
	}
	return err;
}

/*
 * unpack_entry - create what entry @e describes under @root. Returns 0 (done, or skipped with a
 * warning) or -ENOMEM.
 */
static int unpack_entry(struct inode *root, const struct cpio_entry *e)
{
	umode_t type = e->mode & S_IFMT;
	const char *name = e->name, *base;
	struct nameidata nd;
	struct inode *inode;
	char *path;
	size_t len;
	int err = 0;

	while (name[0] == '/' || (name[0] == '.' && name[1] == '/'))	/* "/x", "./x" -> "x" */
		name += name[0] == '/' ? 1 : 2;
	len = strlen(name);
	while (len && name[len - 1] == '/')
		len--;
	if (len == 0 || (len == 1 && name[0] == '.'))
		return 0;				/* the root itself */
	if (!S_ISDIR(type) && !S_ISREG(type) && !S_ISCHR(type) && !S_ISLNK(type)) {
		pr_warn("initramfs: %s: file type %#o not supported, skipped\n", name, type);
		return 0;
	}
	if (len >= PATH_MAX) {
		pr_warn("initramfs: an entry's name is longer than PATH_MAX, skipped\n");
		return 0;
	}
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	memcpy(path, name, len);
	path[len] = '\0';

	/* The parent directory must exist already: cpio lists a directory before its contents. */
	base = strrchr(path, '/');
	path_init_at(&nd, root, root, NULL, 0);
	if (base) {
		path[base - path] = '\0';
		err = path_walk(&nd, path, 0);
		path[base - path] = '/';
		base++;
	} else {
		base = path;
	}
	if (err) {
		pr_warn("initramfs: %s: parent directory not found (%d), skipped\n", path, err);
		err = 0;
		goto out;
	}
	if (S_ISLNK(type)) {
		err = make_symlink(nd.inode, base, e, path);
		goto out;
	}

	inode = make_node(nd.inode, base, strlen(base), e, path);
	if (IS_ERR(inode)) {
		err = (int)PTR_ERR(inode);
		goto out;
	}
	if (!inode)
		goto out;
	if (S_ISREG(type)) {
		if ((long)e->filesize > RAMFS_MAX_FILE_SIZE)
			pr_warn("initramfs: %s: larger than a file can be, left empty\n", path);
		else
			err = fill_file(inode, e->data, e->filesize);
	}
	if (S_ISCHR(type))
		inode->i_rdev = MKDEV(e->rdevmajor, e->rdevminor);
	inode->i_mode = type | (e->mode & 07777);
	inode->i_mtime_ns = (u64)e->mtime * NSEC_PER_SEC;
	iput(inode);
out:
	path_put(&nd);
	kfree(path);
	return err;
}

int unpack_to_rootfs(struct inode *root, const void *buf, size_t len)
{
	struct cpio_entry e;
	struct cpio_error cerr;
	size_t offset = 0;
	int count = 0;

	for (;;) {
		int ret = cpio_parse_header(buf, len, offset, &e, &cerr);

		if (ret == CPIO_END)
			return count;
		if (ret == CPIO_CORRUPT) {
			pr_err("initramfs: corrupt archive at offset %zu (of %zu): %s%s%s\n",
			       cerr.offset, len, cerr.field ? cerr.field : "",
			       cerr.field ? " " : "", cerr.what);
			pr_err("initramfs: unpacking stopped; the %d entries before it were kept\n",
			       count);
			return -EINVAL;
		}
		ret = unpack_entry(root, &e);
		if (ret) {
			pr_err("initramfs: out of memory at offset %zu (%s); unpacking stopped\n",
			       e.offset, e.name);
			return ret;
		}
		count++;
		offset = e.next;
	}
}

int populate_rootfs(struct inode *root)
{
	for (int i = 0; i < boot_params.nr_modules; i++) {
		const struct boot_module *m = &boot_params.modules[i];
		int n;

		if (strcmp(m->name, "initramfs") != 0)
			continue;
		if (m->end < m->start) {
			pr_err("initramfs: module [%#lx, %#lx) is malformed\n",
			       (unsigned long)m->start, (unsigned long)m->end);
			return -EINVAL;
		}
		n = unpack_to_rootfs(root, __va(m->start), (size_t)(m->end - m->start));
		if (n >= 0)
			pr_info("initramfs: %d entries (%lu KiB) unpacked from [%#lx, %#lx)\n", n,
				(unsigned long)(m->end - m->start) / 1024,
				(unsigned long)m->start, (unsigned long)m->end);
		return n;
	}
	pr_info("initramfs: no \"initramfs\" boot module: the root holds /dev, /proc and /tmp\n");
	return 0;
}
