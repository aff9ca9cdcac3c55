/*
 * The shell's lspci: one line per function in the format of
 * `lspci -nn` (class name and code, vendor, [vendor:device], revision),
 * and with -v the details `lspci -v` shows: subsystem, bus mastering,
 * IRQ, every BAR with its size, a bridge's buses and the driver.
 * There is no pci.ids database here, so devices are named by number,
 * as lspci does for a device its database does not know.
 */
#include "drivers/pci.h"
#include "kernel/kernel.h"
#include "kernel/shell.h"

struct pci_name {
	uint16_t id;
	const char *name;
};

/* Class names as lspci prints them (PCI Code and ID Assignment spec). */
static const struct pci_name subclass_names[] = {
	{ 0x0000, "Non-VGA unclassified device" },
	{ 0x0100, "SCSI storage controller" },
	{ 0x0101, "IDE interface" },
	{ 0x0106, "SATA controller" },
	{ 0x0108, "Non-Volatile memory controller" },
	{ 0x0200, "Ethernet controller" },
	{ 0x0300, "VGA compatible controller" },
	{ 0x0403, "Audio device" },
	{ 0x0600, "Host bridge" },
	{ 0x0601, "ISA bridge" },
	{ 0x0604, "PCI bridge" },
	{ 0x0c03, "USB controller" },
	{ 0x0c05, "SMBus" },
};

static const struct pci_name base_class_names[] = {
	{ 0x00, "Unclassified device" },
	{ 0x01, "Mass storage controller" },
	{ 0x02, "Network controller" },
	{ 0x03, "Display controller" },
	{ 0x04, "Multimedia controller" },
	{ 0x05, "Memory controller" },
	{ 0x06, "Bridge" },
	{ 0x07, "Communication controller" },
	{ 0x08, "Generic system peripheral" },
	{ 0x09, "Input device controller" },
	{ 0x0c, "Serial bus controller" },
};

static const struct pci_name vendor_names[] = {
	{ 0x8086, "Intel Corporation" },
	{ 0x1af4, "Red Hat, Inc." },
	{ 0x1b36, "Red Hat, Inc." },
	{ 0x1022, "Advanced Micro Devices, Inc. [AMD]" },
	{ 0x10ec, "Realtek Semiconductor Co., Ltd." },
};

static const char *lookup(const struct pci_name *t, size_t n, uint16_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].id == id)
			return t[i].name;
	return NULL;
}

const char *pci_class_name(uint16_t class)
{
	const char *name = lookup(subclass_names, ARRAY_SIZE(subclass_names),
				  class);

	if (!name)
		name = lookup(base_class_names, ARRAY_SIZE(base_class_names),
			      class >> 8);
	return name ? name : "Unassigned class";
}

/* "Red Hat, Inc. Device [1af4:1001]", or "Device [1234:1111]". */
static void print_ids(uint16_t vendor, uint16_t device)
{
	const char *v = lookup(vendor_names, ARRAY_SIZE(vendor_names), vendor);

	if (v)
		cprintf("%s ", v);
	cprintf("Device [%04x:%04x]", vendor, device);
}

/* lspci's sizes: 128, 4K, 16M, 2G. */
static void print_size(uint32_t size)
{
	static const char units[] = " KMG";
	int u = 0;

	while (u < 3 && size >= 1024 && !(size & 1023)) {
		size >>= 10;
		u++;
	}
	if (u)
		cprintf("[size=%u%c]", size, units[u]);
	else
		cprintf("[size=%u]", size);
}

static void print_bar(const struct pci_bar *bar)
{
	if (bar->flags & PCI_BAR_IO) {
		cprintf("\tI/O ports at %04x ", bar->start);
	} else {
		cprintf("\tMemory at %08x (%s-bit, %sprefetchable)%s ",
			bar->start, bar->flags & PCI_BAR_MEM64 ? "64" : "32",
			bar->flags & PCI_BAR_PREFETCH ? "" : "non-",
			bar->flags & PCI_BAR_ABOVE_4G ? " above 4G" : "");
	}
	print_size(bar->size);
	cprintf("\n");
}

static void print_details(const struct pci_dev *d)
{
	uint16_t cmd = pci_read_config_word(d, PCI_COMMAND);
	int i;

	if (d->hdr_type == PCI_HEADER_NORMAL && d->subsystem_vendor) {
		cprintf("\tSubsystem: ");
		print_ids(d->subsystem_vendor, d->subsystem_device);
		cprintf("\n");
	}
	cprintf("\tFlags:%s", cmd & PCI_COMMAND_MASTER ? " bus master" : "");
	if (d->pin && d->irq && d->irq != 0xff)
		cprintf("%s IRQ %u", cmd & PCI_COMMAND_MASTER ? "," : "",
			d->irq);
	cprintf("\n");
	for (i = 0; i < PCI_NUM_BARS; i++)
		if (d->bar[i].size)
			print_bar(&d->bar[i]);
	if (d->hdr_type == PCI_HEADER_BRIDGE)
		cprintf("\tBus: primary=%02x, secondary=%02x, "
			"subordinate=%02x\n",
			pci_read_config_byte(d, PCI_PRIMARY_BUS), d->secondary,
			pci_read_config_byte(d, PCI_SUBORDINATE_BUS));
	if (d->driver)
		cprintf("\tKernel driver in use: %s\n", d->driver);
	cprintf("\n");
}

static int cmd_lspci(int argc, char **argv)
{
	bool verbose = argc == 2 && !strcmp(argv[1], "-v");
	struct list_head *pos;

	if (argc > 2 || (argc == 2 && !verbose))
		return shell_usage(argv[0]);
	list_for_each(pos, &pci_devices) {
		struct pci_dev *d = list_entry(pos, struct pci_dev, list);

		cprintf("%02x:%02x.%x %s [%04x]: ", d->bus, d->slot, d->func,
			pci_class_name(d->class), d->class);
		print_ids(d->vendor, d->device);
		if (d->revision)
			cprintf(" (rev %02x)", d->revision);
		cprintf("\n");
		if (verbose)
			print_details(d);
	}
	return 0;
}
SHELL_COMMAND(lspci, cmd_lspci, "lspci [-v]",
	      "list PCI devices (-v: BARs, IRQ, driver)");
