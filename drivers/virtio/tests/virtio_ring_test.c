/*
 * drivers/virtio/tests/virtio_ring_test.c - self tests of the split virtqueue
 * (drivers/virtio/virtio_ring.c) with the test playing the device: it reads the available
 * ring and writes the used ring as a device would, including the mistakes a broken device
 * could make (a head that is not in flight, one out of range), which must be ignored.
 */
#include "drivers/virtio/virtio.h"
#include "kernel/selftest.h"
#include "kernel/errno.h"

/* device_use - play the device: put the chain at @head in the used ring with @len bytes. */
static void device_use(struct virtqueue *vq, u32 head, u32 len)
{
	struct vring_used_elem *e = &vq->used->ring[vq->used->idx & (vq->num - 1)];

	e->id = head;
	e->len = len;
	vq->used->idx++;
}

KTEST(virtqueue_add_get_and_bogus_ids)
{
	struct virtqueue *vq = vring_alloc(NULL, 0, 8);
	struct virtio_buf bufs[3] = { { 0x1000, 16, false }, { 0x2000, 512, true }, { 0x3000, 1, true } };
	int a = 1, b = 2, c = 3;
	u16 head_a, head_b;
	u32 len = 0;

	KASSERT(t, vq);
	KEXPECT_EQ(t, vq->num_free, 8);
	KEXPECT_EQ(t, virtqueue_add_bufs(vq, bufs, 3, &a), 0);
	KEXPECT_EQ(t, virtqueue_add_bufs(vq, bufs, 3, &b), 0);
	KEXPECT_EQ(t, virtqueue_add_bufs(vq, bufs, 3, &c), -ENOSPC);	/* 2 descriptors left */
	KEXPECT_EQ(t, vq->num_free, 2);
	KEXPECT_EQ(t, vq->avail->idx, 2);
	head_a = vq->avail->ring[0];
	head_b = vq->avail->ring[1];
	/* The chain: readable header, then device-writable buffers, linked by NEXT. */
	KEXPECT_EQ(t, vq->desc[head_a].flags, VRING_DESC_F_NEXT);
	KEXPECT_EQ(t, vq->desc[vq->desc[head_a].next].flags, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE);
	KEXPECT(t, virtqueue_get_buf(vq, &len) == NULL);		/* nothing used yet */

	device_use(vq, 7, 0);			/* in range, not in flight */
	device_use(vq, 1000, 0);		/* out of range */
	device_use(vq, head_b, 513);
	KEXPECT(t, virtqueue_get_buf(vq, &len) == &b);	/* the two bogus entries skipped */
	KEXPECT_EQ(t, len, 513);
	KEXPECT_EQ(t, vq->bogus, 2);
	device_use(vq, head_b, 1);		/* the same head again: no longer in flight */
	device_use(vq, head_a, 17);
	KEXPECT(t, virtqueue_get_buf(vq, &len) == &a);
	KEXPECT_EQ(t, vq->bogus, 3);
	KEXPECT(t, virtqueue_get_buf(vq, &len) == NULL);
	KEXPECT_EQ(t, vq->num_free, 8);		/* every descriptor back on the free list */
	KEXPECT_EQ(t, virtqueue_add_bufs(vq, bufs, 3, &c), 0);
	KEXPECT_EQ(t, virtqueue_add_bufs(vq, bufs, 3, &c), 0);
	vring_free(vq);
}
