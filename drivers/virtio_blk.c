/*
 * virtio-blk over the legacy PCI interface (Linux: drivers/block/
 * virtio_blk.c and drivers/virtio/virtio_pci_legacy.c).
 *
 * Every request is a chain of descriptors in the one virtqueue:
 *	header  {type, reserved, sector}	device reads
 *	data    the request's segments		device reads (write) or
 *						writes (read)
 *	status  one byte			device writes
 * Header and status live in slots[head], the slot of the chain's
 * first descriptor, so the completion finds its request from the
 * head the device returns.  As many requests are in flight as there
 * are descriptors for; a submitter finding the ring full waits
 * (blk_idle) until a completion frees some.
 */
#include "drivers/blkdev.h"
#include "drivers/pci.h"
#include "drivers/virtio_blk.h"
#include "drivers/virtio_pci.h"
#include "drivers/virtio_ring.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/x86.h"
#include "mm/mm.h"
#include "mm/slab.h"

#define VIRTIO_ID_BLOCK_LEGACY	0x1001	/* transitional: both interfaces */
#define VIRTIO_ID_BLOCK_MODERN	0x1042	/* modern only: not ours */
#define VIRTIO_SUBSYS_BLOCK	2
#define VIRTBLK_MAJOR		254	/* what Linux usually picks */
#define VIRTBLK_MINORS		16	/* vda 254:0, vdb 254:16 */

/* Feature bits (virtio 1.0 spec 5.2.3); we take only these. */
#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_BLK_SIZE	6
#define VIRTIO_BLK_F_FLUSH	9
#define VIRTBLK_FEATURES	(1u << VIRTIO_BLK_F_SEG_MAX |		\
				 1u << VIRTIO_BLK_F_RO |		\
				 1u << VIRTIO_BLK_F_BLK_SIZE |		\
				 1u << VIRTIO_BLK_F_FLUSH)

/* struct virtio_blk_config, from the start of the device config. */
#define VIRTIO_BLK_CFG_CAPACITY	0x00	/* u64, 512-byte sectors */
#define VIRTIO_BLK_CFG_SEG_MAX	0x0c	/* u32 */
#define VIRTIO_BLK_CFG_BLK_SIZE	0x14	/* u32 */

/* Request types and status values. */
#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_T_GET_ID	8

struct virtio_blk_outhdr {
	uint32_t type;
	uint32_t ioprio;
	uint64_t sector;
};

/* Device-visible per-chain memory, indexed by head descriptor. */
struct virtblk_slot {
	struct virtio_blk_outhdr hdr;
	uint8_t status;
	struct blk_request *req;
} __attribute__((aligned(32)));

struct virtio_blk {
	struct block_device bdev;
	struct pci_dev *pdev;
	uint16_t io;			/* BAR 0 */
	uint32_t features;		/* negotiated */
	struct virtqueue vq;
	struct virtblk_slot *slots;
	unsigned int ring_order, slots_order;
	struct irqaction irq;
	unsigned long interrupts;	/* ISR said "ours" */
};

static const uint32_t op_to_type[] = {
	[READ] = VIRTIO_BLK_T_IN,
	[WRITE] = VIRTIO_BLK_T_OUT,
	[BLK_FLUSH] = VIRTIO_BLK_T_FLUSH,
	[BLK_GET_ID] = VIRTIO_BLK_T_GET_ID,
};

/* The device's verdict as an errno. */
int virtblk_result(uint8_t status)
{
	switch (status) {
	case VIRTIO_BLK_S_OK:
		return 0;
	case VIRTIO_BLK_S_UNSUPP:
		return -EOPNOTSUPP;
	case VIRTIO_BLK_S_IOERR:
		return -EIO;
	default:	/* the spec has no other values: treat as failure */
		printk(KERN_ERR "virtio_blk: unknown status %u\n", status);
		return -EIO;
	}
}

static bool has_feature(const struct virtio_blk *vblk, int bit)
{
	return vblk->features & (1u << bit);
}

/*
 * Hands the device everything it has finished (interrupts off).
 * Called by the interrupt handler and, when polling, by waiters.
 */
static void virtblk_done(struct virtio_blk *vblk)
{
	uint32_t len;
	int head;

	while ((head = virtqueue_get_used(&vblk->vq, &len)) >= 0) {
		struct virtblk_slot *slot = &vblk->slots[head];

		blk_end_request(slot->req, virtblk_result(slot->status));
	}
}

static uint32_t cfg_read32(struct virtio_blk *vblk, unsigned int off)
{
	return inl(vblk->io + VIRTIO_PCI_CONFIG + off);
}

static sector_t virtblk_capacity(struct virtio_blk *vblk)
{
	return cfg_read32(vblk, VIRTIO_BLK_CFG_CAPACITY) |
	       (uint64_t)cfg_read32(vblk, VIRTIO_BLK_CFG_CAPACITY + 4) << 32;
}

/*
 * The device's configuration changed: the disk was resized (QEMU's
 * block_resize).  Requests are checked against the new end from now
 * on, swapon reads the header against it and lsblk shows it; a swap
 * area on the disk keeps its size, and its slots past the end fail as
 * bad sectors do.  Linux's virtio_blk re-reads the capacity the same
 * way, in a work queue, since the 3.x series (virtblk_config_changed_
 * work); 2.4 has no virtio, and its IDE and SCSI disks never change
 * size under it.
 */
static void virtblk_config_changed(struct virtio_blk *vblk)
{
	struct block_device *bdev = &vblk->bdev;
	sector_t size = virtblk_capacity(vblk);

	if (size == bdev->nr_sectors)
		return;
	printk(KERN_NOTICE "%s: new size: %llu 512-byte blocks (was %llu)\n",
	       bdev->name, (unsigned long long)size,
	       (unsigned long long)bdev->nr_sectors);
	bdev->nr_sectors = size;
}

/*
 * INTx may be shared: the ISR register says whether it was us (and
 * reading it lowers our line).  Not ours: leave at once.
 */
static void virtblk_interrupt(struct pt_regs *regs __unused, void *dev)
{
	struct virtio_blk *vblk = dev;
	uint8_t isr = inb(vblk->io + VIRTIO_PCI_ISR);

	if (!isr)
		return;
	vblk->interrupts++;
	if (isr & VIRTIO_PCI_ISR_CONFIG)
		virtblk_config_changed(vblk);
	virtblk_done(vblk);
}

static void virtblk_poll(struct block_device *bdev)
{
	virtblk_done(bdev->private);
}

/*
 * Puts the request's chain in the ring and notifies the device.  The
 * head of the next chain is vq->free_head (see virtqueue_add), whose
 * slot gets the header and status.
 */
static void virtblk_queue(struct virtio_blk *vblk, struct blk_request *req,
			  unsigned int nbufs)
{
	struct virtblk_slot *slot = &vblk->slots[vblk->vq.free_head];
	struct vring_buf bufs[BLK_MAX_SEGS + 2];
	bool device_writes = req->op == READ || req->op == BLK_GET_ID;
	unsigned int i;

	slot->hdr.type = op_to_type[req->op];
	slot->hdr.ioprio = 0;
	slot->hdr.sector = req->op == BLK_FLUSH ? 0 : req->sector;
	slot->status = 0xff;	/* a device that writes nothing fails */
	slot->req = req;
	bufs[0] = (struct vring_buf){ __pa(&slot->hdr), sizeof(slot->hdr),
				      false };
	for (i = 0; i < req->nr_segs; i++)
		bufs[i + 1] = (struct vring_buf){ req->segs[i].phys,
						  req->segs[i].len,
						  device_writes };
	bufs[nbufs - 1] = (struct vring_buf){ __pa(&slot->status), 1, true };
	BUG_ON(virtqueue_add(&vblk->vq, bufs, nbufs) < 0);
	outw(vblk->io + VIRTIO_PCI_QUEUE_NOTIFY, 0);
}

/*
 * The driver's submit: never fails.  With the ring full, wait for
 * completions to free enough descriptors (blk_idle: sleep until a
 * completion, or poll).
 */
static void virtblk_submit(struct block_device *bdev,
			   struct blk_request *req)
{
	struct virtio_blk *vblk = bdev->private;
	unsigned int nbufs = req->nr_segs + 2;
	uint32_t flags = local_irq_save();

	virtqueue_set_interrupts(&vblk->vq, !blk_polling);
	while (vblk->vq.num_free < nbufs)
		blk_idle(bdev, flags);
	virtblk_queue(vblk, req, nbufs);
	local_irq_restore(flags);
}

static const struct block_device_operations virtblk_ops = {
	.submit = virtblk_submit,
	.poll = virtblk_poll,
};

static void set_status(struct virtio_blk *vblk, uint8_t bits)
{
	outb(vblk->io + VIRTIO_PCI_STATUS,
	     inb(vblk->io + VIRTIO_PCI_STATUS) | bits);
}

/* Queue 0: its size, ring memory, the slots; 0 or -errno. */
static int virtblk_setup_queue(struct virtio_blk *vblk)
{
	unsigned int num;
	unsigned long ring, slots;

	outw(vblk->io + VIRTIO_PCI_QUEUE_SEL, 0);
	num = inw(vblk->io + VIRTIO_PCI_QUEUE_NUM);
	if (!num || (num & (num - 1))) {
		printk(KERN_ERR "%s: bad queue size %u\n", vblk->bdev.name,
		       num);
		return -ENODEV;
	}
	vblk->ring_order = get_order(vring_size(num));
	vblk->slots_order = get_order(num * sizeof(struct virtblk_slot));
	ring = __get_free_pages(GFP_KERNEL, vblk->ring_order);
	slots = __get_free_pages(GFP_KERNEL, vblk->slots_order);
	if (!ring || !slots) {
		if (ring)
			free_pages(ring, vblk->ring_order);
		if (slots)
			free_pages(slots, vblk->slots_order);
		return -ENOMEM;
	}
	vring_init(&vblk->vq, num, (void *)ring);
	vblk->slots = (void *)slots;
	outl(vblk->io + VIRTIO_PCI_QUEUE_PFN,
	     __pa(ring) >> VIRTIO_PCI_QUEUE_ADDR_SHIFT);
	return 0;
}

/* Capacity, block size, segments and read-only from the config. */
static void virtblk_read_config(struct virtio_blk *vblk)
{
	struct block_device *bdev = &vblk->bdev;
	unsigned int segs = BLK_MAX_SEGS;

	bdev->nr_sectors = virtblk_capacity(vblk);
	bdev->block_size = SECTOR_SIZE;
	if (has_feature(vblk, VIRTIO_BLK_F_BLK_SIZE))
		bdev->block_size = cfg_read32(vblk, VIRTIO_BLK_CFG_BLK_SIZE);
	if (has_feature(vblk, VIRTIO_BLK_F_SEG_MAX))
		segs = min(segs, cfg_read32(vblk, VIRTIO_BLK_CFG_SEG_MAX));
	/* Two more descriptors carry the header and the status. */
	bdev->max_segs = min(segs, vblk->vq.num - 2);
	bdev->readonly = has_feature(vblk, VIRTIO_BLK_F_RO);
}

/* The serial string (GET_ID), as lsblk and the boot log show it. */
static void virtblk_read_serial(struct virtio_blk *vblk)
{
	char *id = kmalloc(BLK_ID_BYTES, GFP_KERNEL);

	if (id && !blk_rw_sync(&vblk->bdev, BLK_GET_ID, 0, id, BLK_ID_BYTES))
		memcpy(vblk->bdev.serial, id, BLK_ID_BYTES);
	kfree(id);
}

/*
 * Device initialisation in the legacy order (virtio 1.0 spec 3.1.2
 * for legacy devices): reset (SeaBIOS used the disk before us),
 * ACKNOWLEDGE, DRIVER, features, queue, DRIVER_OK.
 */
static int virtblk_init_device(struct virtio_blk *vblk)
{
	int error;

	outb(vblk->io + VIRTIO_PCI_STATUS, 0);
	set_status(vblk, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	set_status(vblk, VIRTIO_CONFIG_S_DRIVER);
	vblk->features = inl(vblk->io + VIRTIO_PCI_HOST_FEATURES) &
			 VIRTBLK_FEATURES;
	outl(vblk->io + VIRTIO_PCI_GUEST_FEATURES, vblk->features);
	error = virtblk_setup_queue(vblk);
	if (error) {
		set_status(vblk, VIRTIO_CONFIG_S_FAILED);
		return error;
	}
	virtblk_read_config(vblk);
	vblk->irq = (struct irqaction){ .handler = virtblk_interrupt,
					.name = vblk->bdev.name,
					.dev = vblk };
	setup_irq(vblk->pdev->irq, &vblk->irq);
	set_status(vblk, VIRTIO_CONFIG_S_DRIVER_OK);
	return 0;
}

static bool usable_pci_dev(struct pci_dev *pdev)
{
	if (pdev->subsystem_device != VIRTIO_SUBSYS_BLOCK)
		return false;
	if (!(pdev->bar[0].flags & PCI_BAR_IO) || pdev->bar[0].size < 0x20 ||
	    !pdev->pin || pdev->irq >= 16) {
		printk(KERN_ERR "virtio_blk: %02x:%02x.%x has no legacy I/O "
		       "BAR or no IRQ line, skipped\n", pdev->bus,
		       pdev->slot, pdev->func);
		return false;
	}
	return true;
}

/* Sets up disk vd<a + index>; false if it could not be used. */
static bool virtblk_probe(struct pci_dev *pdev, int index)
{
	struct virtio_blk *vblk = kmalloc(sizeof(*vblk), GFP_KERNEL);
	struct block_device *bdev;

	if (!vblk) {
		printk(KERN_ERR "virtio_blk: no memory for vd%c\n",
		       'a' + index);
		return false;
	}
	memset(vblk, 0, sizeof(*vblk));
	vblk->pdev = pdev;
	vblk->io = pdev->bar[0].start;
	bdev = &vblk->bdev;
	snprintf(bdev->name, sizeof(bdev->name), "vd%c", 'a' + index);
	pci_enable_device(pdev);
	pci_set_master(pdev);
	if (virtblk_init_device(vblk)) {
		printk(KERN_ERR "%s: initialisation failed\n", bdev->name);
		kfree(vblk);
		return false;
	}
	pdev->driver = "virtio-blk";
	bdev->major = VIRTBLK_MAJOR;
	bdev->minor = index * VIRTBLK_MINORS;
	bdev->ops = &virtblk_ops;
	bdev->private = vblk;
	register_blkdev(bdev);
	virtblk_read_serial(vblk);
	printk(KERN_INFO "%s: virtio-blk at %02x:%02x.%x, io %#x, irq %u, "
	       "queue %u: %llu %u-byte blocks%s%s%s\n", bdev->name,
	       pdev->bus, pdev->slot, pdev->func, vblk->io, pdev->irq,
	       vblk->vq.num,
	       (unsigned long long)(bdev->nr_sectors * SECTOR_SIZE /
				    bdev->block_size),
	       bdev->block_size, bdev->readonly ? ", read-only" : "",
	       bdev->serial[0] ? ", serial " : "", bdev->serial);
	return true;
}

/* Every virtio disk, named vda, vdb, ... in PCI scan order. */
void virtio_blk_init(void)
{
	struct pci_dev *pdev = NULL;
	int index = 0;

	while ((pdev = pci_get_device(VIRTIO_PCI_VENDOR,
				      VIRTIO_ID_BLOCK_LEGACY, pdev))) {
		if (!usable_pci_dev(pdev))
			continue;
		if (index == 26) {
			printk(KERN_WARNING "virtio_blk: more than 26 disks, "
			       "the rest are ignored\n");
			break;
		}
		if (virtblk_probe(pdev, index))
			index++;
	}
	for (pdev = NULL; (pdev = pci_get_device(VIRTIO_PCI_VENDOR,
			   VIRTIO_ID_BLOCK_MODERN, pdev)); )
		printk(KERN_WARNING "virtio_blk: %02x:%02x.%x is modern-only; "
		       "Pagoda drives the legacy interface "
		       "(disable-legacy=off)\n", pdev->bus, pdev->slot,
		       pdev->func);
}

/* Interrupts this disk has taken (tests: polling takes none). */
unsigned long virtblk_interrupts(struct block_device *bdev)
{
	return ((struct virtio_blk *)bdev->private)->interrupts;
}
