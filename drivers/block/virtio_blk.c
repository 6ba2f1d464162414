/*
 * drivers/block/virtio_blk.c - the virtio block device (Linux's drivers/block/virtio_blk.c;
 * virtio 1.x specification, section 5.2 "Block Device"), QEMU's "-drive if=virtio" disk.
 *
 * One virtqueue per disk. A bio becomes one request: a descriptor chain of the request header
 * (type, sector: the device reads it), one descriptor per data segment (the device reads them
 * for a write and writes them for a read), and a status byte the device writes last. The
 * request is offered and the device notified; submit_bio returns. When the device has
 * finished, it puts the chain's head in the used ring and raises its PCI interrupt (INTx,
 * level-triggered); virtblk_irq reads the ISR status (which de-asserts the line), collects
 * every used request, and completes its bio: status 0 becomes 0, anything else -EIO.
 *
 * The handler may have interrupted the allocator, so the completion path neither allocates
 * nor frees: each disk has VIRTBLK_NR_REQS requests (header and status byte, the memory the
 * device reads and writes) allocated at probe, on a free list. A bio that finds no free
 * request or too few free descriptors waits on vblk->waiting and goes out as completions
 * free them.
 *
 * Features: VIRTIO_BLK_F_RO (the disk is read-only), F_BLK_SIZE (logged), F_FLUSH (a write
 * cache: REQ_OP_FLUSH sends VIRTIO_BLK_T_FLUSH). Every other feature is declined.
 */
#include "drivers/block/blkdev.h"
#include "drivers/virtio/virtio.h"
#include "drivers/pci/pci.h"
#include "kernel/irq.h"
#include "kernel/io.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/page.h"
#include "mm/slab.h"

#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_BLK_SIZE	6
#define VIRTIO_BLK_F_FLUSH	9

#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4

#define VIRTIO_BLK_S_OK		0

/* Device configuration offsets (spec 5.2.4). */
#define VIRTIO_BLK_CFG_CAPACITY	0	/* u64, in 512-byte sectors */
#define VIRTIO_BLK_CFG_SEG_MAX	12	/* u32, with F_SEG_MAX: data segments per request */
#define VIRTIO_BLK_CFG_BLK_SIZE	20	/* u32, with F_BLK_SIZE */

struct virtio_blk_outhdr {
	u32 type;
	u32 ioprio;
	u64 sector;
};

#define VIRTBLK_NR_REQS		64

/* One request: in kmalloc'ed memory (physically contiguous: the device reads and writes it). */
struct virtblk_req {
	struct virtio_blk_outhdr out_hdr;
	u8 status;
	struct bio *bio;
	struct virtio_buf bufs[BIO_MAX_VECS + 2];	/* the chain offered (too big for the stack) */
	struct list_head list;		/* on vblk->free_reqs while unused */
};

struct virtio_blk {
	struct virtio_device vdev;
	struct virtqueue *vq;
	struct block_device bdev;
	struct virtblk_req *reqs;	/* VIRTBLK_NR_REQS of them */
	struct list_head free_reqs;
	struct list_head waiting;	/* bios waiting for a request or descriptors (bi_list) */
};

/* virtblk_add_req - offer @req (for req->bio) to the device. Interrupts off. 0 or -ENOSPC
 * (too few free descriptors). */
static int virtblk_add_req(struct virtio_blk *vblk, struct virtblk_req *req)
{
	struct virtio_buf *bufs = req->bufs;
	struct bio *bio = req->bio;
	unsigned int n = 0;
	bool device_writes = bio->bi_opf == REQ_OP_READ;

	bufs[n++] = (struct virtio_buf){ __pa(&req->out_hdr), sizeof(req->out_hdr), false };
	for (unsigned int i = 0; i < bio->bi_vcnt; i++) {
		struct bio_vec *bv = &bio->bi_io_vec[i];

		bufs[n++] = (struct virtio_buf){ page_to_phys(bv->bv_page) + bv->bv_offset,
						 bv->bv_len, device_writes };
	}
	bufs[n++] = (struct virtio_buf){ __pa(&req->status), 1, true };
	return virtqueue_add_bufs(vblk->vq, bufs, n, req);
}

/*
 * virtblk_dispatch - give the device as many waiting bios as free requests and descriptors
 * allow, in order, and notify it once. Interrupts off.
 */
static void virtblk_dispatch(struct virtio_blk *vblk)
{
	bool kick = false;

	while (!list_empty(&vblk->waiting) && !list_empty(&vblk->free_reqs)) {
		struct bio *bio = list_first_entry(&vblk->waiting, struct bio, bi_list);
		struct virtblk_req *req = list_first_entry(&vblk->free_reqs, struct virtblk_req, list);

		req->bio = bio;
		req->out_hdr.type = bio->bi_opf == REQ_OP_WRITE ? VIRTIO_BLK_T_OUT :
				    bio->bi_opf == REQ_OP_FLUSH ? VIRTIO_BLK_T_FLUSH : VIRTIO_BLK_T_IN;
		req->out_hdr.ioprio = 0;
		req->out_hdr.sector = bio->bi_opf == REQ_OP_FLUSH ? 0 : bio->bi_iter.bi_sector;
		req->status = 0xff;		/* the device must overwrite it */
		if (virtblk_add_req(vblk, req))
			break;
		list_del_init(&req->list);
		list_del_init(&bio->bi_list);
		kick = true;
	}
	if (kick)
		virtqueue_kick(vblk->vq);
}

/* virtblk_submit_bio - block_device_operations.submit_bio: queue @bio and start what the
 * ring has room for. Never sleeps, never allocates. */
static void virtblk_submit_bio(struct bio *bio)
{
	struct virtio_blk *vblk = bio->bi_bdev->private_data;
	unsigned long flags = local_irq_save();

	list_add_tail(&bio->bi_list, &vblk->waiting);
	virtblk_dispatch(vblk);
	local_irq_restore(flags);
}

/* virtblk_done - complete every request the device has finished, then start waiting bios.
 * Interrupts off. */
static void virtblk_done(struct virtio_blk *vblk)
{
	struct virtblk_req *req;
	u32 len;

	while ((req = virtqueue_get_buf(vblk->vq, &len))) {
		struct bio *bio = req->bio;

		if (req->status != VIRTIO_BLK_S_OK) {
			pr_err("%s: I/O error, sector %lu op %u status %u\n", vblk->bdev.bd_name,
			       (unsigned long)bio->bi_iter.bi_sector, bio->bi_opf, req->status);
			bio->bi_status = -EIO;
		}
		req->bio = NULL;
		list_add(&req->list, &vblk->free_reqs);
		bio_endio(bio);
	}
	virtblk_dispatch(vblk);
}

/* virtblk_irq - the disk's interrupt: reading the ISR status acknowledges the device and
 * de-asserts its level-triggered line; 0 means another device on the line asked. */
static irqreturn_t virtblk_irq(unsigned int irq, void *dev_id)
{
	struct virtio_blk *vblk = dev_id;
	u8 isr = vp_read_isr(&vblk->vdev);

	(void)irq;
	if (!isr)
		return IRQ_NONE;
	if (isr & 1)
		virtblk_done(vblk);
	return IRQ_HANDLED;
}

static const struct block_device_operations virtblk_fops = {
	.submit_bio = virtblk_submit_bio,
};

/*
 * virtblk_probe - bring up one virtio disk (spec 3.1.1, legacy variant): reset, ACKNOWLEDGE,
 * DRIVER, features, the queue, the interrupt, DRIVER_OK; then register it as the next vdX.
 * Returns 0, or -errno with the device left reset (FAILED set) and nothing held.
 */
static int virtblk_probe(struct pci_dev *pci, const struct pci_device_id *id)
{
	struct virtio_blk *vblk = kzalloc(sizeof(*vblk), GFP_KERNEL);
	u32 offered, accepted;
	int err;

	(void)id;
	if (!vblk)
		return -ENOMEM;
	INIT_LIST_HEAD(&vblk->free_reqs);
	INIT_LIST_HEAD(&vblk->waiting);
	vblk->reqs = kzalloc(VIRTBLK_NR_REQS * sizeof(*vblk->reqs), GFP_KERNEL);
	if (!vblk->reqs) {
		kfree(vblk);
		return -ENOMEM;
	}
	for (int i = 0; i < VIRTBLK_NR_REQS; i++)
		list_add_tail(&vblk->reqs[i].list, &vblk->free_reqs);
	err = vp_legacy_probe(&vblk->vdev, pci);
	if (err) {
		pci_drv_info("virtio_blk", pci, "no legacy I/O BAR 0, not a legacy virtio device\n");
		kfree(vblk->reqs);
		kfree(vblk);
		return err;
	}
	offered = vp_get_features(&vblk->vdev);
	accepted = offered & ((1u << VIRTIO_BLK_F_RO) | (1u << VIRTIO_BLK_F_BLK_SIZE) |
			      (1u << VIRTIO_BLK_F_SEG_MAX) |
			      (1u << VIRTIO_BLK_F_FLUSH));
	vp_finalize_features(&vblk->vdev, accepted);
	err = -ENOMEM;
	vblk->vq = vp_setup_vq(&vblk->vdev, 0);
	if (!vblk->vq)
		goto fail;
	vblk->bdev.nr_sectors = vp_config_read64(&vblk->vdev, VIRTIO_BLK_CFG_CAPACITY);
	vblk->bdev.read_only = accepted & (1u << VIRTIO_BLK_F_RO);
	vblk->bdev.has_flush = accepted & (1u << VIRTIO_BLK_F_FLUSH);
	vblk->bdev.logical_block_size = SECTOR_SIZE;
	/* A request is a header, its data segments and a status byte, all in one chain of
	 * descriptors: no more segments than the ring holds, nor than the device takes. */
	vblk->bdev.max_segments = vblk->vq->num > 2 ? vblk->vq->num - 2 : 0;
	if (accepted & (1u << VIRTIO_BLK_F_SEG_MAX)) {
		u32 seg_max = vp_config_read32(&vblk->vdev, VIRTIO_BLK_CFG_SEG_MAX);

		if (seg_max < vblk->bdev.max_segments)
			vblk->bdev.max_segments = seg_max;
	}
	err = -ENODEV;
	if (!vblk->bdev.max_segments) {
		pci_drv_info("virtio_blk", pci, "no data segment fits a request (queue of %u)\n",
			     vblk->vq->num);
		goto fail;
	}
	vblk->bdev.fops = &virtblk_fops;
	vblk->bdev.private_data = vblk;
	err = -ENODEV;
	if (pci->irq >= 16) {
		pci_drv_info("virtio_blk", pci, "no legacy interrupt line\n");
		goto fail;
	}
	err = request_shared_irq(pci->irq, virtblk_irq, "virtio_blk", vblk);
	if (err)
		goto fail;
	vp_set_status(&vblk->vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
		      VIRTIO_CONFIG_S_DRIVER_OK);
	err = add_disk(&vblk->bdev, "vd");
	if (err) {
		/* The handler stays on the line; it answers IRQ_NONE for a reset device. */
		vp_reset(&vblk->vdev);
		pci_drv_info("virtio_blk", pci, "cannot add the disk (%d)\n", err);
		return err;
	}
	pci_drv_info("virtio_blk", pci, "%s: queue of %u, %u segments per request, IRQ %u, features %#x (offered %#x)\n",
		     vblk->bdev.bd_name, vblk->vq->num, vblk->bdev.max_segments, pci->irq, accepted,
		     offered);
	if (accepted & (1u << VIRTIO_BLK_F_BLK_SIZE))
		pci_drv_info("virtio_blk", pci, "%s: device block size %u\n", vblk->bdev.bd_name,
			     vp_config_read32(&vblk->vdev, VIRTIO_BLK_CFG_BLK_SIZE));
	return 0;
fail:
	vp_set_status(&vblk->vdev, VIRTIO_CONFIG_S_FAILED);
	if (vblk->vq) {
		vp_reset(&vblk->vdev);
		vp_del_vq(vblk->vq);
	}
	pci_drv_info("virtio_blk", pci, "probe failed (%d)\n", err);
	kfree(vblk->reqs);
	kfree(vblk);
	return err;
}

static const struct pci_device_id virtblk_ids[] = {
	{ 0x1af4, 0x1001 },	/* legacy (transitional) virtio-blk */
	{ 0, 0 },
};

static struct pci_driver virtio_blk_driver = {
	.name = "virtio_blk",
	.id_table = virtblk_ids,
	.probe = virtblk_probe,
};

/* virtio_blk_init - claim every virtio disk, in PCI slot order: /dev/vda, /dev/vdb, ...
 * Call after pci_init and vfs_init (the /dev nodes). */
void virtio_blk_init(void)
{
	pci_register_driver(&virtio_blk_driver);
}
