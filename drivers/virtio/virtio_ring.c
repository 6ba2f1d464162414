/*
 * drivers/virtio/virtio_ring.c - split virtqueues (Linux's drivers/virtio/virtio_ring.c; the
 * virtio 1.x specification, section 2.7).
 *
 * Free descriptors are chained through .next from free_head. Adding a request takes n of them,
 * fills them, records the token at the head, writes the head into avail->ring[avail->idx % num]
 * and only then increments avail->idx: the device may read the ring as soon as the index moves,
 * so the stores before it must be visible first (a compiler barrier is enough on x86, whose
 * stores are not reordered with each other). The device does the same with the used ring; the
 * driver reads used->idx first and the entries after it.
 *
 * Callers serialize with interrupts off (one CPU: the interrupt handler is the only other user).
 */
#include "drivers/virtio/virtio.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/page.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "mm/memlayout.h"

#define VIRTIO_LEGACY_ALIGN	4096

#define barrier()	__asm__ __volatile__("" ::: "memory")
#define READ_ONCE16(x)	(*(volatile u16 *)&(x))
#define READ_ONCE32(x)	(*(volatile u32 *)&(x))

/* vring_size - bytes of a legacy ring of @num entries: descriptors and available ring, then
 * the used ring at the next 4 KiB boundary (spec 2.7 and 4.1.4.8 "Legacy Interfaces"). */
static size_t vring_size(unsigned int num)
{
	size_t first = 16 * num + 2 * (3 + num);

	return ALIGN_UP(first, VIRTIO_LEGACY_ALIGN) + 2 * 3 + 8 * num;
}

struct virtqueue *vring_alloc(struct virtio_device *vdev, unsigned int index, unsigned int num)
{
	size_t bytes = vring_size(num);
	unsigned int order = 0;
	struct virtqueue *vq;

	if (!num || num > 32768 || (num & (num - 1)))
		return NULL;
	while ((PAGE_SIZE << order) < bytes)
		order++;
	vq = kzalloc(sizeof(*vq), GFP_KERNEL);
	if (!vq)
		return NULL;
	vq->data = kzalloc(num * sizeof(void *), GFP_KERNEL);
	vq->ring_pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
	if (!vq->data || !vq->ring_pages) {
		if (vq->ring_pages)
			__free_pages(vq->ring_pages, order);
		kfree(vq->data);
		kfree(vq);
		return NULL;
	}
	vq->vdev = vdev;
	vq->index = index;
	vq->num = num;
	vq->ring_order = order;
	vq->desc = page_address(vq->ring_pages);
	vq->avail = (struct vring_avail *)((char *)vq->desc + 16 * num);
	vq->used = (struct vring_used *)((char *)vq->desc +
					 ALIGN_UP(16 * num + 2 * (3 + num), VIRTIO_LEGACY_ALIGN));
	for (unsigned int i = 0; i + 1 < num; i++)
		vq->desc[i].next = (u16)(i + 1);
	vq->free_head = 0;
	vq->num_free = num;
	return vq;
}

void vring_free(struct virtqueue *vq)
{
	if (!vq)
		return;
	__free_pages(vq->ring_pages, vq->ring_order);
	kfree(vq->data);
	kfree(vq);
}

u64 vring_phys(const struct virtqueue *vq)
{
	return __pa(vq->desc);
}

int virtqueue_add_bufs(struct virtqueue *vq, const struct virtio_buf *bufs, unsigned int n, void *token)
{
	u16 head = vq->free_head, i = head, prev = head;

	if (!n || !token)
		return -EINVAL;
	if (vq->num_free < n)
		return -ENOSPC;
	for (unsigned int k = 0; k < n; k++) {
		struct vring_desc *d = &vq->desc[i];

		d->addr = bufs[k].addr;
		d->len = bufs[k].len;
		d->flags = (u16)((bufs[k].device_writes ? VRING_DESC_F_WRITE : 0) |
				 (k + 1 < n ? VRING_DESC_F_NEXT : 0));
		prev = i;
		i = d->next;
	}
	vq->free_head = vq->desc[prev].next;
	vq->num_free -= n;
	vq->data[head] = token;
	vq->avail->ring[vq->avail->idx & (vq->num - 1)] = head;
	barrier();		/* the entry before the index that publishes it */
	vq->avail->idx++;
	barrier();
	return 0;
}

/* detach_buf - put the chain at @head back on the free list. */
static void detach_buf(struct virtqueue *vq, u16 head)
{
	u16 i = head;

	vq->data[head] = NULL;
	for (unsigned int k = 0; k < vq->num; k++) {
		vq->num_free++;
		if (!(vq->desc[i].flags & VRING_DESC_F_NEXT))
			break;
		i = vq->desc[i].next;
	}
	vq->desc[i].next = vq->free_head;
	vq->free_head = head;
}

void *virtqueue_get_buf(struct virtqueue *vq, u32 *len)
{
	for (;;) {
		u16 used_idx = READ_ONCE16(vq->used->idx);
		struct vring_used_elem *e;
		u32 id;
		void *token;

		if (used_idx == vq->last_used_idx)
			return NULL;
		barrier();		/* the index before the entries it covers */
		e = &vq->used->ring[vq->last_used_idx & (vq->num - 1)];
		id = READ_ONCE32(e->id);
		vq->last_used_idx++;
		if (id >= vq->num || !vq->data[id]) {
			if (vq->bogus++ < 10)
				pr_err("virtio: queue %u: used entry names head %u, which is not in flight; ignored\n",
				       vq->index, id);
			continue;
		}
		token = vq->data[id];
		if (len)
			*len = READ_ONCE32(e->len);
		detach_buf(vq, (u16)id);
		return token;
	}
}
