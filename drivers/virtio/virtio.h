/*
 * drivers/virtio/virtio.h - virtio devices and their split virtqueues (Linux's
 * include/linux/virtio.h and virtio_ring.h, in miniature; the virtio 1.x specification,
 * sections 2.7 "Split Virtqueues" and 4.1.4.8 "Legacy Interfaces: A Note on PCI Device Layout").
 *
 * A virtqueue is three arrays in guest RAM that the device reads and writes by physical
 * address: the descriptor table (each descriptor one buffer: address, length, flags, next),
 * the available ring (heads of descriptor chains the driver offers) and the used ring (heads
 * the device has finished, with the bytes it wrote). The driver adds a chain, publishes its
 * head in the available ring, and notifies the device; the device's interrupt tells the
 * driver to collect the used heads.
 */
#ifndef FAULTLINE_DRIVERS_VIRTIO_H
#define FAULTLINE_DRIVERS_VIRTIO_H

#include "kernel/types.h"

struct pci_dev;
struct page;

/* Device status bits (spec 2.1). */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	1
#define VIRTIO_CONFIG_S_DRIVER		2
#define VIRTIO_CONFIG_S_DRIVER_OK	4
#define VIRTIO_CONFIG_S_FEATURES_OK	8
#define VIRTIO_CONFIG_S_FAILED		0x80

/* The three parts of a split virtqueue, as the device sees them (spec 2.7). */
#define VRING_DESC_F_NEXT	1	/* the chain continues at .next */
#define VRING_DESC_F_WRITE	2	/* the device writes this buffer (else reads it) */

struct vring_desc {
	u64 addr;		/* guest-physical */
	u32 len;
	u16 flags;
	u16 next;
};

struct vring_avail {
	u16 flags;
	u16 idx;		/* where the driver puts the next head (free-running) */
	u16 ring[];
};

struct vring_used_elem {
	u32 id;			/* head of the finished chain */
	u32 len;		/* bytes the device wrote into it */
};

struct vring_used {
	u16 flags;
	u16 idx;		/* where the device puts the next finished head (free-running) */
	struct vring_used_elem ring[];
};

/* A legacy virtio PCI device: its registers are I/O BAR 0. */
struct virtio_device {
	struct pci_dev *pci;
	u16 ioaddr;		/* base of BAR 0 */
	u32 features;		/* what the driver accepted */
	void *priv;		/* the device driver's own state */
};

/* One buffer of a request: @len bytes at guest-physical @addr, @device_writes for input. */
struct virtio_buf {
	u64 addr;
	u32 len;
	bool device_writes;
};

struct virtqueue {
	struct virtio_device *vdev;
	unsigned int index;		/* queue number on the device */
	unsigned int num;		/* entries (a power of two the device chose) */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	struct page *ring_pages;	/* the physically contiguous block holding the three */
	unsigned int ring_order;
	unsigned int num_free;		/* descriptors not in any chain */
	u16 free_head;			/* first free descriptor (free ones chained by .next) */
	u16 last_used_idx;		/* the next used entry to collect */
	void **data;			/* token of the chain at each head, NULL if free */
	unsigned long bogus;		/* used entries the device got wrong (logged) */
};

/*
 * virtqueue_add_bufs - offer the chain of @n buffers @bufs (device-readable first) to the
 * device, with @token (not NULL) to hand back when it is used. Interrupts must be off.
 * Returns 0, or -ENOSPC if fewer than @n descriptors are free (try again after completions).
 * The buffers must stay valid until virtqueue_get_buf returns @token.
 */
int virtqueue_add_bufs(struct virtqueue *vq, const struct virtio_buf *bufs, unsigned int n, void *token);

/* virtqueue_kick - notify the device that the available ring has new heads. */
void virtqueue_kick(struct virtqueue *vq);

/*
 * virtqueue_get_buf - collect the next used chain: frees its descriptors and returns its
 * token (*@len: bytes the device wrote), or NULL when nothing more is used. A used entry
 * naming a head that is not in flight is logged, counted in vq->bogus and skipped: a
 * misbehaving device cannot make the driver complete a request twice. Interrupts off.
 */
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len);

/*
 * vring_alloc - allocate and zero a split ring of @num entries laid out as the legacy
 * interface wants (used ring at the next 4 KiB boundary after the available ring), in
 * physically contiguous pages from the buddy allocator. Returns the queue or NULL.
 * vring_free releases it; the device must no longer use it (reset it first).
 */
struct virtqueue *vring_alloc(struct virtio_device *vdev, unsigned int index, unsigned int num);
void vring_free(struct virtqueue *vq);
/* vring_phys - the guest-physical address of @vq's descriptor table (page aligned). */
u64 vring_phys(const struct virtqueue *vq);

/*
 * The legacy PCI transport (drivers/virtio/virtio_pci.c).
 *
 * vp_legacy_probe - take @pci's BAR 0, enable it and bus mastering, reset the device and
 *   set ACKNOWLEDGE | DRIVER. Returns 0 or -ENODEV (no I/O BAR 0).
 * vp_get_features / vp_finalize_features - the device's 32 feature bits; the ones accepted.
 * vp_set_status / vp_get_status / vp_reset - the device status register (0 resets).
 * vp_config_read8/32/64 - device-specific configuration at @offset.
 * vp_setup_vq - create queue @index at the size the device reports and give it its address.
 *   Returns the queue, or NULL (no such queue, or no memory).
 * vp_del_vq - tell the device to forget the queue and free it.
 * vp_read_isr - read (and so clear and de-assert) the ISR status: bit 0 a used-ring update,
 *   bit 1 a configuration change. 0 means the interrupt was not this device's.
 */
int vp_legacy_probe(struct virtio_device *vdev, struct pci_dev *pci);
u32 vp_get_features(struct virtio_device *vdev);
void vp_finalize_features(struct virtio_device *vdev, u32 features);
void vp_set_status(struct virtio_device *vdev, u8 status);
u8 vp_get_status(struct virtio_device *vdev);
void vp_reset(struct virtio_device *vdev);
u8 vp_config_read8(struct virtio_device *vdev, unsigned int offset);
u32 vp_config_read32(struct virtio_device *vdev, unsigned int offset);
u64 vp_config_read64(struct virtio_device *vdev, unsigned int offset);
struct virtqueue *vp_setup_vq(struct virtio_device *vdev, unsigned int index);
void vp_del_vq(struct virtqueue *vq);
u8 vp_read_isr(struct virtio_device *vdev);

#endif
