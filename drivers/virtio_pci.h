/*
 * The legacy (virtio 0.9.5) PCI interface: registers at the start of
 * I/O BAR 0, as QEMU's transitional devices offer them with
 * disable-modern=on,vectors=0 (Linux: include/uapi/linux/virtio_pci.h,
 * virtio 1.0 spec section 4.1.4.8).  Without MSI-X the device's own
 * configuration starts at offset 20.
 */
#ifndef DRIVERS_VIRTIO_PCI_H
#define DRIVERS_VIRTIO_PCI_H

#define VIRTIO_PCI_VENDOR		0x1af4

#define VIRTIO_PCI_HOST_FEATURES	0x00	/* 32 bits, read-only */
#define VIRTIO_PCI_GUEST_FEATURES	0x04	/* 32 bits */
#define VIRTIO_PCI_QUEUE_PFN		0x08	/* ring address >> 12 */
#define VIRTIO_PCI_QUEUE_NUM		0x0c	/* 16 bits, read-only */
#define VIRTIO_PCI_QUEUE_SEL		0x0e	/* 16 bits */
#define VIRTIO_PCI_QUEUE_NOTIFY		0x10	/* 16 bits: the queue */
#define VIRTIO_PCI_STATUS		0x12	/* 8 bits; 0 resets */
#define VIRTIO_PCI_ISR			0x13	/* 8 bits, read clears */
#define VIRTIO_PCI_CONFIG		0x14	/* device config, no MSI-X */

#define VIRTIO_PCI_ISR_QUEUE		0x1	/* a used ring moved */
#define VIRTIO_PCI_ISR_CONFIG		0x2	/* device config changed */

#define VIRTIO_PCI_QUEUE_ADDR_SHIFT	12

/* Device status bits: how far the driver got. */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	0x01	/* found the device */
#define VIRTIO_CONFIG_S_DRIVER		0x02	/* can drive it */
#define VIRTIO_CONFIG_S_DRIVER_OK	0x04	/* ready */
#define VIRTIO_CONFIG_S_FAILED		0x80	/* gave up on it */

#endif
