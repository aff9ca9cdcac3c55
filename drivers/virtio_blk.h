/* The virtio-blk driver: disks vda, vdb, ... (drivers/virtio_blk.c). */
#ifndef DRIVERS_VIRTIO_BLK_H
#define DRIVERS_VIRTIO_BLK_H

#include "drivers/blkdev.h"

/* The status byte the device writes at the end of each request. */
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

void virtio_blk_init(void);
int virtblk_result(uint8_t status);
unsigned long virtblk_interrupts(struct block_device *bdev);

#endif
