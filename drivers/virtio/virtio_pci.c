/*
 * drivers/virtio/virtio_pci.c - the legacy virtio PCI transport (Linux's
 * virtio_pci_legacy.c; virtio 1.x specification, section 4.1.4.8 "Legacy Interfaces: A Note on
 * PCI Device Layout"). QEMU's "-drive if=virtio" device, 1af4:1001, offers it.
 *
 * Every register is in I/O BAR 0:
 *
 *   0x00  device features (32 bits, read)     0x0e  queue select (16)
 *   0x04  driver features (32 bits, write)    0x10  queue notify (16)
 *   0x08  queue address (page frame number)   0x12  device status (8)
 *   0x0c  queue size (16, read)               0x13  ISR status (8, read clears)
 *   0x14  device-specific configuration (MSI-X is never enabled, so it starts here)
 *
 * Legacy devices have no FEATURES_OK step: the driver writes the features it accepts, then
 * sets up its queues and sets DRIVER_OK.
 */
#include "drivers/virtio/virtio.h"
#include "drivers/pci/pci.h"
#include "kernel/io.h"
#include "kernel/errno.h"

#define VIRTIO_PCI_HOST_FEATURES	0x00
#define VIRTIO_PCI_GUEST_FEATURES	0x04
#define VIRTIO_PCI_QUEUE_PFN		0x08
#define VIRTIO_PCI_QUEUE_NUM		0x0c
#define VIRTIO_PCI_QUEUE_SEL		0x0e
#define VIRTIO_PCI_QUEUE_NOTIFY		0x10
#define VIRTIO_PCI_STATUS		0x12
#define VIRTIO_PCI_ISR			0x13
#define VIRTIO_PCI_CONFIG		0x14
#define VIRTIO_PCI_QUEUE_ADDR_SHIFT	12

int vp_legacy_probe(struct virtio_device *vdev, struct pci_dev *pci)
{
	struct resource *bar = &pci->resource[0];

	if (!(bar->flags & IORESOURCE_IO) || bar->len < VIRTIO_PCI_CONFIG || bar->start > 0xffff)
		return -ENODEV;
	vdev->pci = pci;
	vdev->ioaddr = (u16)bar->start;
	pci_enable_device(pci);
	pci_set_master(pci);
	vp_reset(vdev);
	vp_set_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	vp_set_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
	return 0;
}

u32 vp_get_features(struct virtio_device *vdev)
{
	return inl(vdev->ioaddr + VIRTIO_PCI_HOST_FEATURES);
}

void vp_finalize_features(struct virtio_device *vdev, u32 features)
{
	vdev->features = features;
	outl(vdev->ioaddr + VIRTIO_PCI_GUEST_FEATURES, features);
}

void vp_set_status(struct virtio_device *vdev, u8 status)
{
	outb(vdev->ioaddr + VIRTIO_PCI_STATUS, status);
}

u8 vp_get_status(struct virtio_device *vdev)
{
	return inb(vdev->ioaddr + VIRTIO_PCI_STATUS);
}

void vp_reset(struct virtio_device *vdev)
{
	outb(vdev->ioaddr + VIRTIO_PCI_STATUS, 0);
	(void)inb(vdev->ioaddr + VIRTIO_PCI_STATUS);	/* the read flushes the reset */
}

u8 vp_config_read8(struct virtio_device *vdev, unsigned int offset)
{
	return inb(vdev->ioaddr + VIRTIO_PCI_CONFIG + offset);
}

u32 vp_config_read32(struct virtio_device *vdev, unsigned int offset)
{
	return inl(vdev->ioaddr + VIRTIO_PCI_CONFIG + offset);
}

/* vp_config_read64 - two 32-bit reads; legacy devices have no generation counter, so read
 * until two reads agree (the value can change between the halves only on a resize), at most
 * a few times: a device that keeps changing it gets its last value. */
u64 vp_config_read64(struct virtio_device *vdev, unsigned int offset)
{
	u64 a, b = vp_config_read32(vdev, offset) | (u64)vp_config_read32(vdev, offset + 4) << 32;

	for (int tries = 0; tries < 4; tries++) {
		a = b;
		b = vp_config_read32(vdev, offset) | (u64)vp_config_read32(vdev, offset + 4) << 32;
		if (a == b)
			break;
	}
	return b;
}

struct virtqueue *vp_setup_vq(struct virtio_device *vdev, unsigned int index)
{
	struct virtqueue *vq;
	u16 num;

	outw(vdev->ioaddr + VIRTIO_PCI_QUEUE_SEL, (u16)index);
	num = inw(vdev->ioaddr + VIRTIO_PCI_QUEUE_NUM);
	if (!num || inl(vdev->ioaddr + VIRTIO_PCI_QUEUE_PFN))
		return NULL;		/* no such queue, or already in use */
	vq = vring_alloc(vdev, index, num);
	if (!vq)
		return NULL;
	outl(vdev->ioaddr + VIRTIO_PCI_QUEUE_PFN, (u32)(vring_phys(vq) >> VIRTIO_PCI_QUEUE_ADDR_SHIFT));
	return vq;
}

void vp_del_vq(struct virtqueue *vq)
{
	struct virtio_device *vdev = vq->vdev;

	outw(vdev->ioaddr + VIRTIO_PCI_QUEUE_SEL, (u16)vq->index);
	outl(vdev->ioaddr + VIRTIO_PCI_QUEUE_PFN, 0);
	vring_free(vq);
}

u8 vp_read_isr(struct virtio_device *vdev)
{
	return inb(vdev->ioaddr + VIRTIO_PCI_ISR);
}

/* virtqueue_kick - the legacy notify: write the queue's number to the notify register. */
void virtqueue_kick(struct virtqueue *vq)
{
	outw(vq->vdev->ioaddr + VIRTIO_PCI_QUEUE_NOTIFY, (u16)vq->index);
}
