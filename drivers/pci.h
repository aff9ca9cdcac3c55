/*
 * PCI: finding devices through configuration mechanism 1 (ports 0xCF8
 * and 0xCFC), as Linux's arch/i386/kernel/pci-pc.c does, and what a
 * driver needs from them: the ID, the class, the decoded BARs with
 * their sizes, the interrupt line and bus mastering.
 *
 * pci_init() walks bus 0 and every bus behind a PCI-PCI bridge once at
 * boot; the devices stay in pci_devices in the order they were found,
 * which is the order in which disks get their names (vda, vdb, ...).
 */
#ifndef DRIVERS_PCI_H
#define DRIVERS_PCI_H

#include "lib/compiler.h"
#include "lib/list.h"

/* Configuration space offsets (PCI Local Bus spec 3.0, section 6.1). */
#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define PCI_STATUS		0x06
#define PCI_REVISION_ID		0x08
#define PCI_CLASS_PROG		0x09
#define PCI_CLASS_DEVICE	0x0a	/* base class << 8 | subclass */
#define PCI_HEADER_TYPE		0x0e
#define PCI_BASE_ADDRESS_0	0x10
#define PCI_SUBSYSTEM_VENDOR_ID	0x2c
#define PCI_SUBSYSTEM_ID	0x2e
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_INTERRUPT_PIN	0x3d
/* Type 1 header (PCI-PCI bridge). */
#define PCI_PRIMARY_BUS		0x18
#define PCI_SECONDARY_BUS	0x19
#define PCI_SUBORDINATE_BUS	0x1a

#define PCI_COMMAND_IO		0x1
#define PCI_COMMAND_MEMORY	0x2
#define PCI_COMMAND_MASTER	0x4

#define PCI_HEADER_TYPE_MASK	0x7f
#define PCI_HEADER_MULTIFUNC	0x80
#define PCI_HEADER_NORMAL	0
#define PCI_HEADER_BRIDGE	1

#define PCI_CLASS_BRIDGE_PCI	0x0604

#define PCI_BASE_ADDRESS_SPACE_IO	0x1
#define PCI_BASE_ADDRESS_MEM_TYPE_MASK	0x6
#define PCI_BASE_ADDRESS_MEM_TYPE_64	0x4
#define PCI_BASE_ADDRESS_MEM_PREFETCH	0x8

#define PCI_NUM_BARS		6
#define PCI_MAX_DEVICES		64

/* What a BAR turned out to be, once decoded and sized. */
#define PCI_BAR_IO		0x1	/* I/O ports, else memory */
#define PCI_BAR_MEM64		0x2	/* 64-bit: takes the next BAR too */
#define PCI_BAR_PREFETCH	0x4
#define PCI_BAR_ABOVE_4G	0x8	/* unreachable without PAE */

struct pci_bar {
	uint32_t start;		/* port or physical address */
	uint32_t size;		/* 0: BAR not implemented */
	unsigned int flags;
};

struct pci_dev {
	struct list_head list;		/* in pci_devices, scan order */
	uint8_t bus, slot, func;
	uint8_t hdr_type;		/* without the multi-function bit */
	uint16_t vendor, device;
	uint16_t subsystem_vendor, subsystem_device;
	uint16_t class;			/* base class << 8 | subclass */
	uint8_t prog_if, revision;
	uint8_t irq;			/* interrupt line, 0xff: none */
	uint8_t pin;			/* 1-4 for INTA-INTD, 0: none */
	uint8_t secondary;		/* bridges: the bus behind them */
	struct pci_bar bar[PCI_NUM_BARS];
	const char *driver;		/* who claimed it, for lspci -v */
};

extern struct list_head pci_devices;

void pci_init(void);

uint8_t pci_read_config_byte(const struct pci_dev *dev, unsigned reg);
uint16_t pci_read_config_word(const struct pci_dev *dev, unsigned reg);
uint32_t pci_read_config_dword(const struct pci_dev *dev, unsigned reg);
void pci_write_config_word(const struct pci_dev *dev, unsigned reg,
			   uint16_t v);
void pci_write_config_dword(const struct pci_dev *dev, unsigned reg,
			    uint32_t v);

struct pci_dev *pci_get_device(uint16_t vendor, uint16_t device,
			       struct pci_dev *from);
struct pci_dev *pci_get_slot(uint8_t bus, uint8_t slot, uint8_t func);
void pci_enable_device(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);
const char *pci_class_name(uint16_t class);

#endif
