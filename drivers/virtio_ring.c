/*
 * Driver side of a split virtqueue (legacy layout; see virtio_ring.h
 * and the virtio 1.0 spec, section 2.4).  The caller keeps interrupts
 * off around these: the used ring is drained from the interrupt
 * handler too.
 */
#include "drivers/virtio_ring.h"
#include "lib/string.h"

/* Bytes of ring memory for num descriptors (10246 for 256). */
unsigned long vring_size(unsigned int num)
{
	unsigned long used_off = ALIGN_UP(sizeof(struct vring_desc) * num +
					  sizeof(uint16_t) * (3 + num),
					  (unsigned long)VRING_ALIGN);

	return used_off + sizeof(uint16_t) * 3 +
	       sizeof(struct vring_used_elem) * num;
}

/* Lays the rings out in mem (zeroed, VRING_ALIGN-aligned). */
void vring_init(struct virtqueue *vq, unsigned int num, void *mem)
{
	unsigned int i;

	memset(mem, 0, vring_size(num));
	vq->num = num;
	vq->desc = mem;
	vq->avail = (void *)((char *)mem + num * sizeof(struct vring_desc));
	vq->used = (void *)ALIGN_UP((unsigned long)&vq->avail->ring[num] +
				    sizeof(uint16_t),
				    (unsigned long)VRING_ALIGN);
	/* All descriptors start on the free chain, in order. */
	for (i = 0; i + 1 < num; i++)
		vq->desc[i].next = i + 1;
	vq->free_head = 0;
	vq->num_free = num;
	vq->last_used_idx = 0;
}

/*
 * Chains n descriptors for bufs (the device-readable ones first, as
 * the spec demands) and offers the chain in the available ring.
 * Returns its head, which the device hands back in the used ring, or
 * -1 if fewer than n descriptors are free.  The device looks only
 * when notified (the transport's job).
 */
int virtqueue_add(struct virtqueue *vq, const struct vring_buf *bufs,
		  unsigned int n)
{
	unsigned int i, head = vq->free_head, d = head;

	if (!n || vq->num_free < n)
		return -1;
	for (i = 0; i < n; i++) {
		vq->desc[d].addr = bufs[i].phys;
		vq->desc[d].len = bufs[i].len;
		vq->desc[d].flags = (bufs[i].device_writes ?
				     VRING_DESC_F_WRITE : 0) |
				    (i + 1 < n ? VRING_DESC_F_NEXT : 0);
		if (i + 1 < n)
			d = vq->desc[d].next;
	}
	vq->free_head = vq->desc[d].next;
	vq->num_free -= n;
	vq->avail->ring[vq->avail->idx & (vq->num - 1)] = head;
	/*
	 * The entry must be in memory before the device can see idx
	 * move, and idx before the notify: x86 keeps stores in order,
	 * the barriers keep the compiler from reordering them.
	 */
	barrier();
	vq->avail->idx++;
	__sync_synchronize();
	return head;
}

/*
 * The next chain the device has finished: returns its head and sets
 * *len to the bytes it wrote, after putting the chain's descriptors
 * back on the free chain; -1 if there is none.
 */
int virtqueue_get_used(struct virtqueue *vq, uint32_t *len)
{
	unsigned int head, d;
	uint16_t slot;

	if (vq->last_used_idx == vq->used->idx)
		return -1;
	barrier();	/* read the entry only after seeing idx move */
	slot = vq->last_used_idx & (vq->num - 1);
	head = vq->used->ring[slot].id;
	*len = vq->used->ring[slot].len;
	vq->last_used_idx++;
	for (d = head; vq->desc[d].flags & VRING_DESC_F_NEXT;
	     d = vq->desc[d].next)
		vq->num_free++;
	vq->desc[d].next = vq->free_head;
	vq->free_head = head;
	vq->num_free++;
	return head;
}

/* Asks the device to interrupt on completions, or not (polling). */
void virtqueue_set_interrupts(struct virtqueue *vq, bool on)
{
	vq->avail->flags = on ? 0 : VRING_AVAIL_F_NO_INTERRUPT;
	__sync_synchronize();
}
