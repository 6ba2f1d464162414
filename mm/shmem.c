/*
 * mm/shmem.c - shared anonymous memory: pages that stay shared across fork, and go to swap.
 *
 * A MAP_SHARED anonymous VMA gets a shmem object: an address_space with no file behind it
 * (new pages are zeroed). The VMA's fault handler finds or creates the page at the fault's
 * offset in that object, so parent and child, whose VMAs point to the same object after fork,
 * map the very same frames. The object lives while any VMA refers to it.
 *
 * Seed concept: anonymous memory goes "in the swap whenever [it gets] evicted", shared or not.
 * Shmem pages are swap-backed (PG_swapbacked) and sit on the anonymous LRU lists. Their PTEs
 * map the object's page, as a file's do, so when reclaim (mm/vmscan.c: add_to_swap) evicts one
 * it first unmaps it through the reverse map, then shmem_writeout moves it from the object's
 * cache to the swap cache, and the page's slot in the object keeps its swap entry as a value
 * entry (Linux's shmem_writepage): the PTEs hold nothing, the object holds the slot's one
 * count. The next fault there (shmem_get_page) reads the page back through swapin_page, puts
 * it in its slot again and frees the swap slot (Linux's shmem_swapin_folio). Dropping the
 * object, swapoff (shmem_unuse) and the consistency checker walk those value entries too.
 */
#include "mm/shmem.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/page_alloc.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "kernel/sched.h"
#include "fs/fs.h"
#include "fs/pagemap.h"

struct shmem_object {
	int refcount;			/* VMAs using it */
	int pins;			/* swapoff holds it while it brings pages back (shmem_unuse) */
	bool held;			/* a System V segment holds it too (ipc/shm.c) */
	const struct shmem_owner_ops *owner_ops; /* the holder's hooks, or NULL */
	void *owner;			/* their argument */
	unsigned long swapped;		/* its pages out in swap: value entries in mapping */
	struct address_space mapping;	/* its pages (or their swap entries), by offset */
	struct list_head list;		/* in shmem_objects: swapoff, the consistency checker */
};

static LIST_HEAD(shmem_objects);

static struct shmem_object *shmem_object_of(struct address_space *mapping)
{
	return container_of(mapping, struct shmem_object, mapping);
}

/* shmem_object_new - an object with no page and no user, on the list. NULL without memory. */
static struct shmem_object *shmem_object_new(void)
{
	struct shmem_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (!obj)
		return NULL;
	obj->mapping.swap_backed = true;
	list_add_tail(&obj->list, &shmem_objects);
	return obj;
}

/* shmem_truncate - drop every page of @obj, and every swap slot holding one of them. */
static void shmem_truncate(struct shmem_object *obj)
{
	unsigned long index;
	void *entry;

	xa_for_each(&obj->mapping.i_pages, index, entry) {
		if (!xa_is_value(entry))
			continue;
		xa_erase(&obj->mapping.i_pages, index);
		obj->swapped--;
		free_swap_and_cache((swp_entry_t){ xa_to_value(entry) });
	}
	truncate_inode_pages(&obj->mapping, 0);
}

/* shmem_object_put_unused - free @obj if nothing holds it any more: no VMA, no System V
 * segment, no swapoff. */
static void shmem_object_put_unused(struct shmem_object *obj)
{
	if (obj->refcount || obj->held || obj->pins)
		return;
	list_del(&obj->list);
	shmem_truncate(obj);
	kfree(obj);
}

/*
 * shmem_swapin - page @index of @obj is out in swap: @value is its slot's entry there. Read it
 * back (a major fault if the disk is read: *@major), put it in its slot again, and free the
 * swap slot. The page, referenced; NULL if the slot changed while we slept (look again); or
 * ERR_PTR(-ENOMEM/-EIO/-EINTR).
 */
static struct page *shmem_swapin(struct shmem_object *obj, unsigned long index, void *value,
				 bool *major)
{
	swp_entry_t entry = { xa_to_value(value) };
	struct page *page = swapin_page(entry, major);

	if (IS_ERR_OR_NULL(page))
		return page;
	/* swapin_page may have slept: another fault may have brought the page back first. */
	if (xa_load(&obj->mapping.i_pages, index) != value || !PageSwapCache(page) ||
	    page->private != entry.val) {
		put_page(page);
		return NULL;
	}
	delete_from_swap_cache(page);	/* the slot keeps the object's count */
	add_to_page_cache_replace(page, &obj->mapping, index, value);
	obj->swapped--;
	swap_free(entry);		/* the object's count: the slot is free */
	return page;
}

/*
 * shmem_get_page - page @index of @obj, referenced: the cached one, the one read back from
 * swap (*@major set if the disk was read), or a new zeroed one. ERR_PTR(-ENOMEM/-EIO/-EINTR).
 */
static struct page *shmem_get_page(struct shmem_object *obj, unsigned long index, bool *major)
{
	struct address_space *mapping = &obj->mapping;

	*major = false;
	for (;;) {
		void *entry = xa_load(&mapping->i_pages, index);
		struct page *page;
		int err;

		if (xa_is_value(entry)) {
			page = shmem_swapin(obj, index, entry, major);
			if (page)
				return page;
			continue;
		}
		if (entry) {
			page = entry;
			get_page(page);
			return page;
		}
		page = alloc_page(GFP_PAGECACHE | __GFP_ZERO);	/* may sleep in reclaim */
		if (!page)
			return ERR_PTR(-ENOMEM);
		set_page_flag(page, PG_uptodate);
		err = add_to_page_cache(page, mapping, index);
		if (!err)
			return page;		/* the cache's reference and ours */
		put_page(page);
		if (err != -EEXIST)
			return ERR_PTR(err);
		/* Someone filled the slot while we slept: a page, or its swap entry by now. */
	}
}

int shmem_writeout(struct page *page, swp_entry_t entry)
{
	struct address_space *mapping = page->mapping;
	int err;

	if (!mapping || !mapping->swap_backed || page->_mapcount || PageLocked(page))
		return -EBUSY;
	err = add_to_swap_cache(page, entry);
	if (err)
		return err;
	swap_duplicate(entry);		/* the object's count, for the value entry */
	delete_from_page_cache_keep(page, xa_mk_value(entry.val));
	shmem_object_of(mapping)->swapped++;
	return 0;
}

/* shmem_fault - vm_ops->fault: the object's page at vmf->pgoff (VM_FAULT_MAJOR if it was read
 * back from swap; VM_FAULT_OOM without memory, VM_FAULT_SIGBUS if the swap read failed or we
 * were killed). */
static vm_fault_t shmem_fault(struct vm_fault *vmf)
{
	struct shmem_object *obj = vmf->vma->vm_private_data;
	bool major;
	struct page *page = shmem_get_page(obj, vmf->pgoff, &major);

	if (IS_ERR(page))
		return PTR_ERR(page) == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	vmf->page = page;
	return major ? VM_FAULT_MAJOR : 0;
}

static void shmem_open(struct vm_area_struct *vma)
{
	struct shmem_object *obj = vma->vm_private_data;

	obj->refcount++;
	if (obj->held && obj->owner_ops)
		obj->owner_ops->open(obj->owner);
}

static void shmem_close(struct vm_area_struct *vma)
{
	struct shmem_object *obj = vma->vm_private_data;

	obj->refcount--;
	if (obj->held && obj->owner_ops) {
		obj->owner_ops->close(obj->owner);	/* may release (and so free) obj */
		return;
	}
	shmem_object_put_unused(obj);
}

static const char *shmem_name(struct vm_area_struct *vma)
{
	(void)vma;
	return "/dev/zero (deleted)";		/* what Linux shows for shared anonymous memory */
}

static const struct vm_operations_struct shmem_vm_ops = {
	.fault = shmem_fault,
	.open = shmem_open,
	.close = shmem_close,
	.name = shmem_name,
};

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct shmem_object *obj = shmem_object_new();

	if (!obj)
		return -ENOMEM;
	obj->refcount = 1;
	vma->vm_private_data = obj;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

struct shmem_object *shmem_object_create(void)
{
	struct shmem_object *obj = shmem_object_new();

	if (obj)
		obj->held = true;
	return obj;
}

void shmem_object_set_owner(struct shmem_object *obj, const struct shmem_owner_ops *ops,
			    void *owner)
{
	obj->owner_ops = ops;
	obj->owner = owner;
}

int shmem_object_users(const struct shmem_object *obj)
{
	return obj->refcount;
}

struct address_space *shmem_object_mapping(struct shmem_object *obj)
{
	return &obj->mapping;
}

void shmem_object_release(struct shmem_object *obj)
{
	obj->held = false;
	obj->owner_ops = NULL;
	shmem_object_put_unused(obj);
}

unsigned long shmem_object_swapped(const struct shmem_object *obj)
{
	return obj->swapped;
}

void shmem_object_map(struct vm_area_struct *vma, struct shmem_object *obj)
{
	obj->refcount++;
	vma->vm_private_data = obj;
	vma->vm_ops = &shmem_vm_ops;
}

struct address_space *shmem_vma_mapping(const struct vm_area_struct *vma)
{
	return &((struct shmem_object *)vma->vm_private_data)->mapping;
}

bool vma_is_shmem(const struct vm_area_struct *vma)
{
	return vma->vm_ops == &shmem_vm_ops;
}

void shmem_for_each_object(void (*fn)(const void *obj, int refcount, unsigned long nrpages, void *arg),
			   void *arg)
{
	struct shmem_object *obj;

	list_for_each_entry(obj, &shmem_objects, list)
		fn(obj, obj->refcount, obj->mapping.nrpages, arg);
}

void shmem_for_each_swap_entry(void (*fn)(swp_entry_t entry, void *arg), void *arg)
{
	struct shmem_object *obj;
	unsigned long index;
	void *entry;

	list_for_each_entry(obj, &shmem_objects, list)
		xa_for_each(&obj->mapping.i_pages, index, entry)
			if (xa_is_value(entry))
				fn((swp_entry_t){ xa_to_value(entry) }, arg);
}

/* shmem_unuse_object - bring every page of @obj (pinned) that is out on swap device @type back
 * into its cache. 0 or -errno (-ENOMEM, -EIO, -EINTR). */
static int shmem_unuse_object(struct shmem_object *obj, unsigned int type)
{
	unsigned long index;
	void *entry;

	xa_for_each(&obj->mapping.i_pages, index, entry) {
		struct page *page;
		bool major;

		if (!xa_is_value(entry) || swp_type((swp_entry_t){ xa_to_value(entry) }) != type)
			continue;
		page = shmem_get_page(obj, index, &major);
		if (IS_ERR(page))
			return (int)PTR_ERR(page);
		put_page(page);
	}
	return 0;
}

int shmem_unuse(unsigned int type)
{
	struct shmem_object *obj, *next;
	int err = 0;

	if (list_empty(&shmem_objects))
		return 0;
	/* Reading pages back sleeps, and objects may go meanwhile: each one is pinned while it
	 * is worked on, and the next one pinned before it is let go. */
	obj = list_first_entry(&shmem_objects, struct shmem_object, list);
	obj->pins++;
	while (obj) {
		if (obj->swapped)
			err = shmem_unuse_object(obj, type);
		next = (err || obj->list.next == &shmem_objects) ? NULL :
		       list_entry(obj->list.next, struct shmem_object, list);
		if (next)
			next->pins++;
		obj->pins--;
		shmem_object_put_unused(obj);
		obj = next;
	}
	return err;
}
