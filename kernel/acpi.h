/* Reading ACPI tables at boot (kernel/acpi.c). */
#ifndef KERNEL_ACPI_H
#define KERNEL_ACPI_H

#include "lib/compiler.h"

/* The header every ACPI table starts with. */
struct acpi_table_header {
	char signature[4];
	uint32_t length;		/* of the whole table */
	uint8_t revision, checksum;
	char oem_id[6], oem_table_id[8];
	uint32_t oem_revision, creator_id, creator_revision;
} __attribute__((packed));

int acpi_get_table(const char *sig, void *buf, size_t size);
void acpi_read(void *dst, uint64_t phys, size_t len);

#endif
