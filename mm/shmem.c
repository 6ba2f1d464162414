/*
 * mm/shmem.c - shared anonymous memory: pages that stay shared across fork.
 *
 * A MAP_SHARED anonymous VMA gets a shmem object: an address_space with no file behind it
 * (readpage NULL: new pages are zeroed). The VMA's fault handler finds or creates the page at
 * the fault's offset in that object, so parent and child, whose VMAs point to the same object
 * after fork, map the very same frames. The object lives while any VMA refers to it.
 */
#include "mm/shmem.h"
#include "mm/slab.h"
#include "kernel/errno.h"
#include "fs/fs.h"

struct shmem_object {
	int refcount;			/* VMAs using it */
	bool held;			/* a System V segment holds it too (ipc/shm.c) */
	const struct shmem_owner_ops *owner_ops; /* the holder's hooks, or NULL */
	void *owner;			/* their argument */
	struct address_space mapping;	/* its pages, by offset */
	struct list_head list;		/* in shmem_objects, for the consistency checker */
};

static LIST_HEAD(shmem_objects);

static void shmem_object_free(struct shmem_object *obj)
{
	list_del(&obj->list);
	truncate_inode_pages(&obj->mapping, 0);
	kfree(obj);
}

static vm_fault_t shmem_fault(struct vm_fault *vmf)
{
	struct shmem_object *obj = vmf->vma->vm_private_data;
	bool major = false;
	struct page *page = read_cache_page(NULL, &obj->mapping, vmf->pgoff, &major);

	if (IS_ERR(page))
		return VM_FAULT_OOM;
	set_page_flag(page, PG_swapbacked);	/* shmem: RssShmem, and swap-backed once swap exists */
	vmf->page = page;
	return 0;
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
	if (obj->refcount == 0 && !obj->held)
		shmem_object_free(obj);
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
	struct shmem_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (!obj)
		return -ENOMEM;
	obj->refcount = 1;
	list_add_tail(&obj->list, &shmem_objects);
	vma->vm_private_data = obj;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

struct shmem_object *shmem_object_create(void)
{
	struct shmem_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (!obj)
		return NULL;
	obj->held = true;
	list_add_tail(&obj->list, &shmem_objects);
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
	if (obj->refcount == 0)
		shmem_object_free(obj);
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
