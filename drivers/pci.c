/*
 * PCI enumeration through configuration mechanism 1 (Linux 2.4:
 * arch/i386/kernel/pci-pc.c for the access, drivers/pci/pci.c for the
 * scan).  Every device of bus 0 is recorded, then the bus behind each
 * PCI-PCI bridge, depth first, so the list is in the order Linux
 * would number the devices.
 */
#include "drivers/pci.h"
#include "kernel/kernel.h"
#include "kernel/x86.h"

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_MAX_BUS		256

LIST_HEAD(pci_devices);

static struct pci_dev pci_dev_table[PCI_MAX_DEVICES];
static unsigned int nr_pci_devs;

/*
 * Mechanism 1: select bus/slot/function/register through 0xCF8, then
 * move the data through 0xCFC.  The two steps must not be split by
 * an interrupt handler that also touches config space.
 */
static uint32_t conf1_address(uint8_t bus, uint8_t slot, uint8_t func,
			      unsigned reg)
{
	return 0x80000000u | bus << 16 | slot << 11 | func << 8 |
	       (reg & 0xfc);
}

static uint32_t conf1_read(uint8_t bus, uint8_t slot, uint8_t func,
			   unsigned reg, int size)
{
	uint32_t flags = local_irq_save(), v;
	uint16_t port = PCI_CONFIG_DATA + (reg & 3);

	outl(PCI_CONFIG_ADDRESS, conf1_address(bus, slot, func, reg));
	if (size == 1)
		v = inb(port);
	else if (size == 2)
		v = inw(port);
	else
		v = inl(port);
	local_irq_restore(flags);
	return v;
}

static void conf1_write(uint8_t bus, uint8_t slot, uint8_t func,
			unsigned reg, int size, uint32_t v)
{
	uint32_t flags = local_irq_save();
	uint16_t port = PCI_CONFIG_DATA + (reg & 3);

	outl(PCI_CONFIG_ADDRESS, conf1_address(bus, slot, func, reg));
	if (size == 1)
		outb(port, v);
	else if (size == 2)
		outw(port, v);
	else
		outl(port, v);
	local_irq_restore(flags);
}

uint8_t pci_read_config_byte(const struct pci_dev *d, unsigned reg)
{
	return conf1_read(d->bus, d->slot, d->func, reg, 1);
}

uint16_t pci_read_config_word(const struct pci_dev *d, unsigned reg)
{
	return conf1_read(d->bus, d->slot, d->func, reg, 2);
}

uint32_t pci_read_config_dword(const struct pci_dev *d, unsigned reg)
{
	return conf1_read(d->bus, d->slot, d->func, reg, 4);
}

void pci_write_config_word(const struct pci_dev *d, unsigned reg, uint16_t v)
{
	conf1_write(d->bus, d->slot, d->func, reg, 2, v);
}

void pci_write_config_dword(const struct pci_dev *d, unsigned reg,
			    uint32_t v)
{
	conf1_write(d->bus, d->slot, d->func, reg, 4, v);
}

/*
 * Sizing a BAR: write all ones, read back which address bits the
 * device lets us set, restore.  The lowest settable bit is the size.
 * The reg is the BAR's config offset; returns the raw read-back.
 */
static uint32_t bar_probe_mask(struct pci_dev *dev, unsigned reg)
{
	uint32_t orig = pci_read_config_dword(dev, reg), mask;

	pci_write_config_dword(dev, reg, 0xffffffff);
	mask = pci_read_config_dword(dev, reg);
	pci_write_config_dword(dev, reg, orig);
	return mask;
}

/* Lowest set bit of an address mask: the size of the region. */
static uint64_t mask_to_size(uint64_t mask)
{
	return mask & ~(mask - 1);
}

/*
 * Decodes and sizes BAR i (Linux: pci_read_bases).  Returns how many
 * BAR slots it used: 2 for a 64-bit memory BAR, else 1.
 */
static int pci_read_bar(struct pci_dev *dev, int i)
{
	unsigned reg = PCI_BASE_ADDRESS_0 + 4 * i;
	uint32_t val = pci_read_config_dword(dev, reg);
	uint32_t mask = bar_probe_mask(dev, reg);
	struct pci_bar *bar = &dev->bar[i];
	uint64_t base, size;

	if (val & PCI_BASE_ADDRESS_SPACE_IO) {
		/* Only 16 bits of port address exist on x86. */
		size = mask_to_size(mask & 0xfffc);
		bar->start = val & 0xfffc;
		bar->size = size;
		bar->flags = PCI_BAR_IO;
		return 1;
	}
	base = val & ~0xfu;
	mask &= ~0xfu;
	bar->flags = val & PCI_BASE_ADDRESS_MEM_PREFETCH ?
		     PCI_BAR_PREFETCH : 0;
	if ((val & PCI_BASE_ADDRESS_MEM_TYPE_MASK) ==
	    PCI_BASE_ADDRESS_MEM_TYPE_64 && i + 1 < PCI_NUM_BARS) {
		uint32_t hi = pci_read_config_dword(dev, reg + 4);
		uint32_t hmask = bar_probe_mask(dev, reg + 4);

		base |= (uint64_t)hi << 32;
		size = mask_to_size((uint64_t)hmask << 32 | mask);
		bar->flags |= PCI_BAR_MEM64;
		if (base >> 32 || size >> 32)
			bar->flags |= PCI_BAR_ABOVE_4G;
	} else {
		size = mask_to_size(mask);
	}
	bar->start = base;
	bar->size = size;
	return bar->flags & PCI_BAR_MEM64 ? 2 : 1;
}

/*
 * Sizing makes a BAR briefly point at 0xfffffff0: with decoding on,
 * the device would answer there.  Linux turns decoding off around it
 * (pci_read_bases under PCI_COMMAND), and so do we.
 */
static void pci_read_bases(struct pci_dev *dev, int nr)
{
	uint16_t cmd = pci_read_config_word(dev, PCI_COMMAND);
	int i;

	pci_write_config_word(dev, PCI_COMMAND,
			      cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (i = 0; i < nr; )
		i += pci_read_bar(dev, i);
	pci_write_config_word(dev, PCI_COMMAND, cmd);
}

static struct pci_dev *pci_alloc_dev(uint8_t bus, uint8_t slot,
				     uint8_t func)
{
	struct pci_dev *dev;

	if (nr_pci_devs == PCI_MAX_DEVICES) {
		printk(KERN_WARNING "pci: more than %d functions, "
		       "ignoring %02x:%02x.%x\n", PCI_MAX_DEVICES, bus,
		       slot, func);
		return NULL;
	}
	dev = &pci_dev_table[nr_pci_devs++];
	memset(dev, 0, sizeof(*dev));
	dev->bus = bus;
	dev->slot = slot;
	dev->func = func;
	return dev;
}

/* Reads the header of one function and records it. */
static struct pci_dev *pci_scan_device(uint8_t bus, uint8_t slot,
				       uint8_t func)
{
	uint32_t id = conf1_read(bus, slot, func, PCI_VENDOR_ID, 4);
	struct pci_dev *dev;

	if ((id & 0xffff) == 0xffff || (id & 0xffff) == 0)
		return NULL;
	dev = pci_alloc_dev(bus, slot, func);
	if (!dev)
		return NULL;
	dev->vendor = id & 0xffff;
	dev->device = id >> 16;
	dev->hdr_type = pci_read_config_byte(dev, PCI_HEADER_TYPE) &
			PCI_HEADER_TYPE_MASK;
	dev->class = pci_read_config_word(dev, PCI_CLASS_DEVICE);
	dev->prog_if = pci_read_config_byte(dev, PCI_CLASS_PROG);
	dev->revision = pci_read_config_byte(dev, PCI_REVISION_ID);
	dev->irq = pci_read_config_byte(dev, PCI_INTERRUPT_LINE);
	dev->pin = pci_read_config_byte(dev, PCI_INTERRUPT_PIN);
	if (dev->hdr_type == PCI_HEADER_BRIDGE) {
		dev->secondary = pci_read_config_byte(dev, PCI_SECONDARY_BUS);
		pci_read_bases(dev, 2);
	} else if (dev->hdr_type == PCI_HEADER_NORMAL) {
		dev->subsystem_vendor =
			pci_read_config_word(dev, PCI_SUBSYSTEM_VENDOR_ID);
		dev->subsystem_device =
			pci_read_config_word(dev, PCI_SUBSYSTEM_ID);
		pci_read_bases(dev, PCI_NUM_BARS);
	}
	list_add_tail(&dev->list, &pci_devices);
	return dev;
}

/* Function 0, and the others if function 0 says it has them. */
static void pci_scan_slot(uint8_t bus, uint8_t slot)
{
	uint8_t func, hdr;

	if (!pci_scan_device(bus, slot, 0))
		return;
	hdr = conf1_read(bus, slot, 0, PCI_HEADER_TYPE, 1);
	if (!(hdr & PCI_HEADER_MULTIFUNC))
		return;
	for (func = 1; func < 8; func++)
		pci_scan_device(bus, slot, func);
}

/*
 * One bus, then the buses behind its bridges (Linux: pci_scan_bus and
 * pci_do_scan_bus).  SeaBIOS has numbered the buses; a bridge with no
 * or a repeated secondary number is reported and skipped, so a bad
 * configuration cannot make the scan loop.
 */
static void pci_scan_bus(uint8_t bus, bool *seen)
{
	struct list_head *first = pci_devices.prev, *pos;
	uint8_t slot;

	seen[bus] = true;
	for (slot = 0; slot < 32; slot++)
		pci_scan_slot(bus, slot);
	/* The devices just added follow "first" in the list. */
	for (pos = first->next; pos != &pci_devices; pos = pos->next) {
		struct pci_dev *d = list_entry(pos, struct pci_dev, list);

		if (d->bus != bus || d->hdr_type != PCI_HEADER_BRIDGE)
			continue;
		if (!d->secondary || seen[d->secondary]) {
			printk(KERN_WARNING "pci: bridge %02x:%02x.%x has a "
			       "bad secondary bus %u, not scanned\n",
			       d->bus, d->slot, d->func, d->secondary);
			continue;
		}
		pci_scan_bus(d->secondary, seen);
	}
}

void pci_init(void)
{
	static bool seen[PCI_MAX_BUS];

	outl(PCI_CONFIG_ADDRESS, 0x80000000u);
	if (inl(PCI_CONFIG_ADDRESS) != 0x80000000u) {
		printk(KERN_WARNING "pci: no configuration mechanism 1\n");
		return;
	}
	pci_scan_bus(0, seen);
	printk(KERN_INFO "pci: %u functions found\n", nr_pci_devs);
}

/* The next device after "from" (NULL: the first) with these IDs. */
struct pci_dev *pci_get_device(uint16_t vendor, uint16_t device,
			       struct pci_dev *from)
{
	struct list_head *pos = from ? &from->list : &pci_devices;

	for (pos = pos->next; pos != &pci_devices; pos = pos->next) {
		struct pci_dev *d = list_entry(pos, struct pci_dev, list);

		if (d->vendor == vendor && d->device == device)
			return d;
	}
	return NULL;
}

struct pci_dev *pci_get_slot(uint8_t bus, uint8_t slot, uint8_t func)
{
	struct pci_dev *d;
	struct list_head *pos;

	list_for_each(pos, &pci_devices) {
		d = list_entry(pos, struct pci_dev, list);
		if (d->bus == bus && d->slot == slot && d->func == func)
			return d;
	}
	return NULL;
}

/* Turns on decoding of the kinds of BAR the device has. */
void pci_enable_device(struct pci_dev *dev)
{
	uint16_t cmd = pci_read_config_word(dev, PCI_COMMAND);
	int i;

	for (i = 0; i < PCI_NUM_BARS; i++) {
		if (!dev->bar[i].size)
			continue;
		if (dev->bar[i].flags & PCI_BAR_IO)
			cmd |= PCI_COMMAND_IO;
		else
			cmd |= PCI_COMMAND_MEMORY;
	}
	pci_write_config_word(dev, PCI_COMMAND, cmd);
}

/* Lets the device read and write memory itself (DMA). */
void pci_set_master(struct pci_dev *dev)
{
	uint16_t cmd = pci_read_config_word(dev, PCI_COMMAND);

	if (!(cmd & PCI_COMMAND_MASTER))
		pci_write_config_word(dev, PCI_COMMAND,
				      cmd | PCI_COMMAND_MASTER);
}
