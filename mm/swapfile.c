/*
 * mm/swapfile.c - swap devices and the swap map: swapon(2), swapoff(2), /proc/swaps, and the
 * slot counts (Linux's mm/swapfile.c).
 *
 * swapon takes a block device carrying Linux's swap header, as Debian's mkswap writes it
 * (union swap_header, page 0 of the device):
 *
 *   bytes 0..1023      boot sectors (left alone)
 *   1024  u32 version        must be 1
 *   1028  u32 last_page      the last usable slot; slots 1..last_page hold pages
 *   1032  u32 nr_badpages    how many entries of badpages[] follow
 *   1036  u8  sws_uuid[16], sws_volume[16], then padding
 *   1536  u32 badpages[]     slots not to use (at most MAX_SWAP_BADPAGES)
 *   4086  "SWAPSPACE2"       the signature, in the last 10 bytes of the page
 *
 * Anything else is refused with -EINVAL and a kernel log line saying why. A regular file is
 * -EINVAL too for now (Linux can swap to a file through its block map; Faultline cannot yet).
 * Priorities are Linux's: SWAP_FLAG_PREFER gives one (0..32767); otherwise the devices get
 * -2, -3, ... in swapon order. Slots come from the highest-priority device with room (devices
 * of equal priority are not taken in turn, as Linux does), by a next-fit scan from where the
 * last allocation ended; Linux's cluster allocator (which keeps slots of one process together
 * on rotating disks and spreads CPUs apart) is not needed on one CPU and a virtual disk.
 *
 * swapoff stops allocation from the device, then brings every page on it back: it walks every
 * process's page tables for entries of that type and faults each one in (handle_mm_fault ->
 * do_swap_page), as if the process had touched it. Out of memory, a read error or a fatal
 * signal stops it: the device stays on as it was, and swapoff returns -ENOMEM, -EIO or -EINTR.
 */
#include "mm/swap.h"
#include "mm/shmem.h"
#include "mm/mmap_lock.h"
#include "mm/mm_types.h"
#include "mm/mmap.h"
#include "mm/memory.h"
#include "mm/pagewalk.h"
#include "mm/page_alloc.h"
#include "mm/vmalloc.h"
#include "mm/slab.h"
#include "drivers/block/blkdev.h"
#include "fs/fs.h"
#include "fs/block_dev.h"
#include "fs/inode.h"
#include "fs/namei.h"
#include "fs/pagemap.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "kernel/printk.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/syscalls.h"

extern struct list_head task_list;

/* The header's fields (see the top of the file). */
#define SWAP_HDR_VERSION	1024
#define SWAP_HDR_LAST_PAGE	1028
#define SWAP_HDR_NR_BADPAGES	1032
#define SWAP_HDR_BADPAGES	1536
#define SWAP_MAGIC		"SWAPSPACE2"
#define SWAP_MAGIC_LEN		10
#define SWAP_MAGIC_OFF		(PAGE_SIZE - SWAP_MAGIC_LEN)
#define MAX_SWAP_BADPAGES	((SWAP_MAGIC_OFF - SWAP_HDR_BADPAGES) / sizeof(u32))

static struct swap_info_struct swap_info[MAX_SWAPFILES];
static short least_priority = -1;	/* the next default priority is one below */
static unsigned long total_swap_pages;	/* usable slots of all active devices */
static unsigned long nr_swap_pages;	/* of which free (on devices still SWP_WRITEOK) */

struct swap_info_struct *swp_swap_info(swp_entry_t entry)
{
	unsigned int type = swp_type(entry);
	struct swap_info_struct *si;

	if (type >= MAX_SWAPFILES)
		return NULL;
	si = &swap_info[type];
	if (!(si->flags & SWP_USED) || !si->swap_map || !swp_offset(entry) ||
	    swp_offset(entry) >= si->max)
		return NULL;
	return si;
}

/* swap_map_slot - the map entry of @entry, or NULL (reported) for an entry that names no slot
 * in use: a corrupt PTE. */
static unsigned int *swap_map_slot(swp_entry_t entry, const char *who)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	unsigned int *map;

	if (!si) {
		pr_err("BUG: %s: Bad swap file entry %#lx\n", who, entry.val);
		return NULL;
	}
	map = &si->swap_map[swp_offset(entry)];
	if (*map == SWAP_MAP_BAD || !*map) {
		pr_err("BUG: %s: %s swap entry %#lx (map %#x)\n", who,
		       *map ? "Bad" : "Unused", entry.val, *map);
		return NULL;
	}
	return map;
}

/* swap_slot_freed - one of @si's slots has no count and no cached page any more. */
static void swap_slot_freed(struct swap_info_struct *si)
{
	si->inuse_pages--;
	if (si->flags & SWP_WRITEOK)
		nr_swap_pages++;
}

/* scan_swap_map - a free slot of @si by next fit from cluster_next, or 0. A slot only the
 * swap cache holds (its PTEs are gone, but its page was under I/O then) is reclaimed on the
 * way, as Linux's scan does. */
static unsigned long scan_swap_map(struct swap_info_struct *si)
{
	for (unsigned long n = 0; n < si->max; n++) {
		unsigned long offset = si->cluster_next + n;

		if (offset >= si->max)
			offset -= si->max - 1;		/* wrap to slot 1 */
		if (!offset)
			continue;
		if (si->swap_map[offset] == SWAP_HAS_CACHE) {
			struct page *page = lookup_swap_cache(swp_entry(si->type, offset));

			if (page) {
				try_to_free_swap(page);
				put_page(page);
			}
		}
		if (!si->swap_map[offset]) {
			si->cluster_next = offset + 1 < si->max ? offset + 1 : 1;
			return offset;
		}
	}
	return 0;
}

swp_entry_t get_swap_page(void)
{
	struct swap_info_struct *best = NULL;

	for (unsigned int type = 0; type < MAX_SWAPFILES; type++) {
		struct swap_info_struct *si = &swap_info[type];

		if (!(si->flags & SWP_WRITEOK) || si->inuse_pages >= si->pages)
			continue;
		if (!best || si->prio > best->prio)
			best = si;
	}
	if (best) {
		unsigned long offset = scan_swap_map(best);

		if (offset) {
			best->swap_map[offset] = SWAP_HAS_CACHE;
			best->inuse_pages++;
			nr_swap_pages--;
			return swp_entry(best->type, offset);
		}
	}
	return (swp_entry_t){ 0 };
}

int swap_duplicate(swp_entry_t entry)
{
	unsigned int *map = swap_map_slot(entry, "swap_dup");

	if (!map)
		return -EINVAL;
	if ((*map & SWAP_COUNT_MASK) >= SWAP_MAP_BAD - 1)
		return -ENOMEM;			/* 2^31 PTEs: not reachable in practice */
	(*map)++;
	return 0;
}

unsigned int swap_count(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	unsigned int map;

	if (!si)
		return 0;
	map = si->swap_map[swp_offset(entry)];
	return map == SWAP_MAP_BAD ? 0 : map & SWAP_COUNT_MASK;
}

/* swap_entry_put - drop one PTE count of @entry. Returns the slot's map value afterwards, or
 * SWAP_MAP_BAD for an entry that named nothing (reported). */
static unsigned int swap_entry_put(swp_entry_t entry, const char *who)
{
	unsigned int *map = swap_map_slot(entry, who);

	if (!map)
		return SWAP_MAP_BAD;
	if (!(*map & SWAP_COUNT_MASK)) {
		pr_err("BUG: %s: swap entry %#lx has no count to drop (map %#x)\n", who, entry.val, *map);
		return SWAP_MAP_BAD;
	}
	if (!--(*map))
		swap_slot_freed(swp_swap_info(entry));
	return *map;
}

void swap_free(swp_entry_t entry)
{
	swap_entry_put(entry, "swap_free");
}

void free_swap_and_cache(swp_entry_t entry)
{
	if (swap_entry_put(entry, "free_swap_and_cache") == SWAP_HAS_CACHE) {
		struct page *page = lookup_swap_cache(entry);

		if (page) {
			try_to_free_swap(page);	/* not while under I/O: then the scan reclaims it */
			put_page(page);
		}
	}
}

int swapcache_prepare(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	unsigned int *map;

	if (!si)
		return -ENOENT;
	map = &si->swap_map[swp_offset(entry)];
	if (*map == SWAP_MAP_BAD || !(*map & SWAP_COUNT_MASK))
		return -ENOENT;
	if (*map & SWAP_HAS_CACHE)
		return -EEXIST;
	*map |= SWAP_HAS_CACHE;
	return 0;
}

void swapcache_clear(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	unsigned int *map;

	if (!si)
		return;
	map = &si->swap_map[swp_offset(entry)];
	if (!(*map & SWAP_HAS_CACHE) || *map == SWAP_MAP_BAD) {
		pr_err("BUG: swapcache_clear: swap entry %#lx is not cached (map %#x)\n", entry.val, *map);
		return;
	}
	*map &= ~SWAP_HAS_CACHE;
	if (!*map)
		swap_slot_freed(si);
}

void si_swapinfo(unsigned long *total, unsigned long *free)
{
	*total = total_swap_pages;
	*free = nr_swap_pages;
}

void swap_for_each_device(void (*fn)(struct swap_info_struct *si, void *arg), void *arg)
{
	for (unsigned int type = 0; type < MAX_SWAPFILES; type++)
		if (swap_info[type].swap_map)
			fn(&swap_info[type], arg);
}

/* swaps_show_path - print @path as Linux's seq_file_path(m, file, " \t\n\\") does: a space,
 * tab, newline or backslash becomes a backslash and three octal digits (mangle_path), so
 * that the columns of /proc/swaps can be split on white space. Returns the length printed
 * (what the padding of the next column is counted from), even if @size cut it short. */
static size_t swaps_show_path(char *buf, size_t size, const char *path, size_t *len)
{
	size_t n = 0;

	for (const char *c = path; *c; c++) {
		if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\\') {
			*len += (size_t)scnprintf(buf + *len, size - *len, "\\%03o", (unsigned char)*c);
			n += 4;
		} else {
			*len += (size_t)scnprintf(buf + *len, size - *len, "%c", *c);
			n++;
		}
	}
	return n;
}

/* swaps_show - Linux 6.1's swap_show(): the path (escaped) padded with spaces to 40 columns
 * (one space at least), then type, size and used in kB and the priority, tab-separated. */
size_t swaps_show(char *buf, size_t size)
{
	size_t len = (size_t)scnprintf(buf, size, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");

	for (unsigned int type = 0; type < MAX_SWAPFILES; type++) {
		struct swap_info_struct *si = &swap_info[type];
		unsigned long kb = si->pages << (PAGE_SHIFT - 10);
		unsigned long used = si->inuse_pages << (PAGE_SHIFT - 10);
		size_t nlen;

		if (!(si->flags & SWP_WRITEOK))
			continue;		/* being set up or taken down: not shown, as Linux */
		nlen = swaps_show_path(buf, size, si->name, &len);
		len += (size_t)scnprintf(buf + len, size - len, "%*s%s\t%lu\t%s%lu\t%s%d\n",
					 nlen < 40 ? (int)(40 - nlen) : 1, " ", "partition", kb,
					 kb < 10000000 ? "\t" : "", used, used < 10000000 ? "\t" : "",
					 si->prio);
	}
	return len;
}

/* --- swapon --- */

/*
 * read_swap_header - check @si's header page @hdr against the device (see the top of the
 * file) and set si->max, si->pages and the swap map (bad slots marked). 0, -EINVAL (logged) or
 * -ENOMEM.
 */
static int read_swap_header(struct swap_info_struct *si, const u8 *hdr)
{
	u32 version, last_page, nr_bad;
	unsigned long dev_pages = bdev_nr_bytes(si->bdev) >> PAGE_SHIFT, maxpages;
	const u32 *bad = (const u32 *)(hdr + SWAP_HDR_BADPAGES);

	if (memcmp(hdr + SWAP_MAGIC_OFF, SWAP_MAGIC, SWAP_MAGIC_LEN)) {
		pr_err("swapon: %s: Unable to find swap-space signature\n", si->name);
		return -EINVAL;
	}
	memcpy(&version, hdr + SWAP_HDR_VERSION, 4);
	memcpy(&last_page, hdr + SWAP_HDR_LAST_PAGE, 4);
	memcpy(&nr_bad, hdr + SWAP_HDR_NR_BADPAGES, 4);
	if (version != 1) {
		pr_err("swapon: %s: Unable to handle swap header version %u\n", si->name, version);
		return -EINVAL;
	}
	if (nr_bad > MAX_SWAP_BADPAGES) {
		pr_err("swapon: %s: %u bad pages listed, at most %lu fit in the header\n", si->name,
		       nr_bad, (unsigned long)MAX_SWAP_BADPAGES);
		return -EINVAL;
	}
	if (!last_page) {
		pr_err("swapon: %s: Empty swap-file\n", si->name);
		return -EINVAL;
	}
	maxpages = (unsigned long)last_page + 1;
	if (maxpages > SWP_OFFSET_MASK)
		maxpages = SWP_OFFSET_MASK;	/* more than an entry can name: the rest unused */
	if (maxpages > dev_pages) {
		pr_err("swapon: %s: Swap area shorter than signature indicates (%lu pages, device %lu)\n",
		       si->name, maxpages, dev_pages);
		return -EINVAL;
	}
	si->swap_map = vzalloc(maxpages * sizeof(*si->swap_map));
	if (!si->swap_map)
		return -ENOMEM;
	si->max = maxpages;
	si->swap_map[0] = SWAP_MAP_BAD;		/* the header */
	si->pages = maxpages - 1;
	for (u32 i = 0; i < nr_bad; i++) {
		u32 b;

		memcpy(&b, &bad[i], 4);
		if (!b || b > last_page) {
			pr_err("swapon: %s: bad page %u out of range\n", si->name, b);
			vfree(si->swap_map);
			si->swap_map = NULL;
			return -EINVAL;
		}
		if (b < maxpages && si->swap_map[b] != SWAP_MAP_BAD) {
			si->swap_map[b] = SWAP_MAP_BAD;
			si->pages--;
		}
	}
	if (!si->pages) {
		pr_err("swapon: %s: Empty swap-file\n", si->name);
		vfree(si->swap_map);
		si->swap_map = NULL;
		return -EINVAL;
	}
	return 0;
}

/* claim_swapfile - the disk @name names, claimed for @si (bd_claim), or -errno: a directory
 * -EISDIR (Linux's open for writing fails so), anything but a block device -EINVAL (logged
 * for a regular file), a disk already swapped on or mounted -EBUSY, a read-only one -EROFS. */
static struct block_device *claim_swapfile(const char *name, struct swap_info_struct *si)
{
	struct inode *inode = kern_path(name);
	struct block_device *bdev = NULL;
	long err = 0;

	if (IS_ERR(inode))
		return ERR_PTR(PTR_ERR(inode));
	if (!inode)
		return ERR_PTR(-ENOENT);
	if (S_ISDIR(inode->i_mode)) {
		err = -EISDIR;
	} else if (!S_ISBLK(inode->i_mode)) {
		if (S_ISREG(inode->i_mode))
			pr_err("swapon: %s: swap files are not supported (only block devices)\n", name);
		err = -EINVAL;
	} else if (!(bdev = blkdev_get_by_dev(inode->i_rdev))) {
		err = -ENXIO;
	} else if (bdev->read_only) {
		err = -EROFS;
	} else {
		err = bd_claim(bdev, si);	/* -EBUSY: swapped on, or mounted */
	}
	iput(inode);
	return err ? ERR_PTR(err) : bdev;
}

bool is_swap_bdev(const struct block_device *bdev)
{
	for (unsigned int type = 0; type < MAX_SWAPFILES; type++)
		if (bdev->bd_holder == &swap_info[type])
			return true;
	return false;
}

long sys_swapon(const char __user *specialfile, int swap_flags)
{
	struct swap_info_struct *si = NULL;
	struct block_device *bdev;
	struct page *hdr;
	char *name;
	long err;

	if (current->cred.euid != 0)
		return -EPERM;
	if (swap_flags & ~SWAP_FLAGS_VALID)
		return -EINVAL;
	name = getname(specialfile);
	if (IS_ERR(name))
		return PTR_ERR(name);
	for (unsigned int type = 0; type < MAX_SWAPFILES && !si; type++)
		if (!(swap_info[type].flags & SWP_USED))
			si = &swap_info[type];
	if (!si) {
		putname(name);
		return -EPERM;			/* Linux's answer when all MAX_SWAPFILES are on */
	}
	memset(si, 0, sizeof(*si));
	si->flags = SWP_USED;			/* the type is ours while we sleep (lookup, read) */
	si->type = (unsigned int)(si - swap_info);
	bdev = claim_swapfile(name, si);	/* may sleep (a lookup on a disk) */
	if (IS_ERR(bdev)) {
		si->flags = 0;
		putname(name);
		return PTR_ERR(bdev);
	}
	si->bdev = bdev;
	si->name = kmalloc(strlen(name) + 1, GFP_KERNEL);	/* getname: at most PATH_MAX */
	if (si->name)
		memcpy(si->name, name, strlen(name) + 1);
	putname(name);
	if (!si->name) {
		bd_release(bdev, si);
		si->flags = 0;
		return -ENOMEM;
	}

	hdr = alloc_page(0);
	err = hdr ? bdev_rw_page(bdev, 0, hdr, 0, PAGE_SIZE, REQ_OP_READ) : -ENOMEM;
	if (!err)
		err = read_swap_header(si, page_address(hdr));
	if (hdr)
		put_page(hdr);
	if (err) {
		bd_release(bdev, si);
		kfree(si->name);
		si->flags = 0;
		return err;
	}
	if (swap_flags & SWAP_FLAG_PREFER)
		si->prio = (short)(swap_flags & SWAP_FLAG_PRIO_MASK);
	else
		si->prio = --least_priority;
	si->cluster_next = 1;
	swap_cache_init_type(si->type);
	si->flags |= SWP_WRITEOK;
	total_swap_pages += si->pages;
	nr_swap_pages += si->pages;
	pr_info("Adding %luk swap on %s.  Priority:%d extents:1 across:%luk\n",
		si->pages << (PAGE_SHIFT - 10), si->name, si->prio, si->max << (PAGE_SHIFT - 10));
	return 0;
}

/* --- swapoff --- */

struct unuse_walk {
	unsigned int type;
	unsigned long found;		/* the address of the swap entry found, if the walk stopped */
};

/* find_swap_pte - stop at the first swap entry of the device being taken down. */
static int find_swap_pte(pte_t *pte, unsigned long addr, struct mm_walk *walk)
{
	struct unuse_walk *u = walk->private;
	pte_t ptent = ptep_get(pte);

	if (!is_swap_pte(ptent) || swp_type(pte_to_swp_entry(ptent)) != u->type)
		return 0;
	u->found = addr;
	return 1;
}

static const struct mm_walk_ops find_swap_ops = { .pte_entry = find_swap_pte };

/*
 * unuse_mm - fault in every page of @mm that is on swap device @type (Linux's unuse_mm()).
 * The walk never sleeps; each fault may, after which the walk starts again where it stopped.
 * Sets *@did if it brought a page in. 0, -ENOMEM, -EIO, -EINTR (killed) or -EBUSY (a fault
 * left the entry where it was).
 */
static int unuse_mm(struct mm_struct *mm, unsigned int type, bool *did)
{
	struct unuse_walk u = { .type = type };
	unsigned long addr = 0;

	while (addr < TASK_SIZE && walk_page_range(mm, addr, TASK_SIZE, &find_swap_ops, &u)) {
		struct vm_area_struct *vma = find_vma(mm, u.found);
		pte_t *pte, before;
		vm_fault_t ret;

		if (fatal_signal_pending(current))
			return -EINTR;
		if (!vma || vma->vm_start > u.found)
			return -EBUSY;			/* a swap entry outside every VMA: mmcheck says */
		pte = follow_pte(mm, u.found);
		before = pte ? ptep_get(pte) : __pte(0);
		ret = handle_mm_fault(vma, u.found, FAULT_FLAG_REMOTE);
		if (ret & VM_FAULT_OOM)
			return -ENOMEM;
		if (ret & VM_FAULT_ERROR)
			return fatal_signal_pending(current) ? -EINTR : -EIO;
		pte = follow_pte(mm, u.found);
		if (pte && pte_same(ptep_get(pte), before))
			return -EBUSY;
		*did = true;
		addr = u.found;			/* look at it again: it may have changed meanwhile */
	}
	return 0;
}

/*
 * try_to_unuse - bring every page on swap device @si back: into the shmem objects that hold
 * some (shmem_unuse), into the processes that hold the others, then empty its swap cache
 * (Linux's try_to_unuse()). The list of tasks may change whenever
 * a fault sleeps, so the scan starts over after every process that had pages there. 0 or what
 * unuse_mm returned.
 */
static int try_to_unuse(struct swap_info_struct *si)
{
	struct task_struct *task;
	int err;

	err = shmem_unuse(si->type);		/* shared anonymous memory: its objects hold slots */
	if (err)
		return err;
retry:
	list_for_each_entry(task, &task_list, tasks) {
		struct mm_struct *mm = task->mm;
		bool did = false;

		if (!mm || !get_mm_counter(mm, MM_SWAPENTS))
			continue;
		mm->mm_users++;			/* it may exit while we sleep */
		err = mmap_read_lock_killable(mm);	/* its threads may change VMAs meanwhile */
		if (!err) {
			err = unuse_mm(mm, si->type, &did);
			mmap_read_unlock(mm);
		}
		mmput(mm);
		if (err)
			return err;
		if (did)
			goto retry;
	}
	for (unsigned long offset = 1; offset < si->max; offset++) {
		struct page *page;

		if (si->swap_map[offset] == SWAP_MAP_BAD || !si->swap_map[offset])
			continue;
		if (si->swap_map[offset] & SWAP_COUNT_MASK) {
			pr_err("swapoff: %s: slot %lu still has %u users no process maps\n", si->name,
			       offset, si->swap_map[offset] & SWAP_COUNT_MASK);
			return -EBUSY;
		}
		page = lookup_swap_cache(swp_entry(si->type, offset));
		if (!page)
			continue;
		err = wait_on_page_locked_killable(page);
		if (!err && PageSwapCache(page) && page->private == swp_entry(si->type, offset).val)
			delete_from_swap_cache(page);	/* its PTEs are gone: only the cache held it */
		put_page(page);
		if (err)
			return err;
		if (si->swap_map[offset])
			offset--;			/* changed while we slept: look again */
	}
	return 0;
}

/* find_swap_info - the active device whose block device @name names, or NULL. */
static struct swap_info_struct *find_swap_info(const char *name, long *err)
{
	struct inode *inode = kern_path(name);
	struct swap_info_struct *found = NULL;

	*err = -EINVAL;
	if (IS_ERR(inode)) {
		*err = PTR_ERR(inode);
		return NULL;
	}
	if (!inode) {
		*err = -ENOENT;
		return NULL;
	}
	for (unsigned int type = 0; type < MAX_SWAPFILES; type++) {
		struct swap_info_struct *si = &swap_info[type];

		if ((si->flags & SWP_WRITEOK) && S_ISBLK(inode->i_mode) && si->bdev->bd_dev == inode->i_rdev)
			found = si;
	}
	iput(inode);
	return found;
}

long sys_swapoff(const char __user *specialfile)
{
	struct swap_info_struct *si;
	char *name;
	long err;

	if (current->cred.euid != 0)
		return -EPERM;
	name = getname(specialfile);
	if (IS_ERR(name))
		return PTR_ERR(name);
	si = find_swap_info(name, &err);
	putname(name);
	if (!si)
		return err;

	/* No new slots from it while its pages come back. */
	si->flags &= ~SWP_WRITEOK;
	nr_swap_pages -= si->pages - si->inuse_pages;
	total_swap_pages -= si->pages;
	err = try_to_unuse(si);
	if (err) {
		si->flags |= SWP_WRITEOK;
		nr_swap_pages += si->pages - si->inuse_pages;
		total_swap_pages += si->pages;
		return err;
	}
	if (si->prio < 0) {
		/* Default priorities close the gap, as Linux's. */
		for (unsigned int type = 0; type < MAX_SWAPFILES; type++)
			if (swap_info[type].swap_map && swap_info[type].prio < si->prio)
				swap_info[type].prio++;
		least_priority++;
	}
	pr_info("swapoff: %s: %lu pages of swap released\n", si->name, si->pages);
	vfree(si->swap_map);
	bd_release(si->bdev, si);
	kfree(si->name);
	memset(si, 0, sizeof(*si));
	return 0;
}
