/*
 * The split virtqueue of virtio 1.0 in its legacy layout (Linux:
 * drivers/virtio/virtio_ring.c, include/uapi/linux/virtio_ring.h).
 *
 * One physically contiguous, 4096-aligned block holds three parts:
 * the descriptor table (what memory each request uses), the
 * available ring (heads of chains the driver offers the device) and,
 * on the next 4096 boundary, the used ring (heads the device has
 * finished, with how many bytes it wrote).  The ring indexes run free
 * and wrap at 65536; the slot is idx % num.
 */
#ifndef DRIVERS_VIRTIO_RING_H
#define DRIVERS_VIRTIO_RING_H

#include "lib/compiler.h"

#define VRING_DESC_F_NEXT		1	/* chain goes on in next */
#define VRING_DESC_F_WRITE		2	/* device writes here */
#define VRING_AVAIL_F_NO_INTERRUPT	1	/* driver polls: no IRQs */
#define VRING_ALIGN			4096

struct vring_desc {
	uint64_t addr;		/* physical */
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];	/* then u16 used_event (unused here) */
};

struct vring_used_elem {
	uint32_t id;		/* head of the finished chain */
	uint32_t len;		/* bytes the device wrote */
};

struct vring_used {
	uint16_t flags;
	uint16_t idx;
	struct vring_used_elem ring[];
};

/* One buffer of a request: physical address, length, direction. */
struct vring_buf {
	unsigned long phys;
	uint32_t len;
	bool device_writes;
};

struct virtqueue {
	unsigned int num;		/* descriptors (a power of 2) */
	struct vring_desc *desc;
	struct vring_avail *avail;
	volatile struct vring_used *used;
	unsigned int num_free;		/* descriptors not in a chain */
	uint16_t free_head;		/* first of the free chain */
	uint16_t last_used_idx;		/* used entries we have seen */
};

unsigned long vring_size(unsigned int num);
void vring_init(struct virtqueue *vq, unsigned int num, void *mem);
int virtqueue_add(struct virtqueue *vq, const struct vring_buf *bufs,
		  unsigned int n);
int virtqueue_get_used(struct virtqueue *vq, uint32_t *len);
void virtqueue_set_interrupts(struct virtqueue *vq, bool on);

#endif
