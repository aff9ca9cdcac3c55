/*
 * drivers/pci.c against QEMU's real i440FX machine.  tests/suites.py
 * boots this suite with a legacy virtio-blk disk on bus 0 and a second,
 * modern-capable one behind a PCI-PCI bridge, so bridges, I/O BARs and
 * 64-bit memory BARs are all exercised.
 */
#include "drivers/pci.h"
#include "lib/ktest.h"
#include "lib/string.h"

#define VENDOR_INTEL	0x8086
#define VENDOR_VIRTIO	0x1af4

static struct pci_dev *find_class(uint16_t class)
{
	struct list_head *pos;

	list_for_each(pos, &pci_devices) {
		struct pci_dev *d = list_entry(pos, struct pci_dev, list);

		if (d->class == class)
			return d;
	}
	return NULL;
}

static void host_bridge_is_i440fx(struct ktest *t)
{
	struct pci_dev *d = pci_get_slot(0, 0, 0);

	KTEST_ASSERT_NOT_NULL(t, d);
	KTEST_EXPECT_EQ(t, d->vendor, VENDOR_INTEL);
	KTEST_EXPECT_EQ(t, d->device, 0x1237);
	KTEST_EXPECT_EQ(t, d->class, 0x0600);
	KTEST_EXPECT_STREQ(t, pci_class_name(d->class), "Host bridge");
	/* The list starts with bus 0, slot 0. */
	KTEST_EXPECT_PTR_EQ(t, list_entry(pci_devices.next, struct pci_dev,
					  list), d);
}

/* PIIX3 is one device with functions 0, 1 and 3 (no USB at 2). */
static void multifunction_device_scanned(struct ktest *t)
{
	struct pci_dev *isa = pci_get_slot(0, 1, 0);
	struct pci_dev *ide = pci_get_slot(0, 1, 1);
	struct pci_dev *acpi = pci_get_slot(0, 1, 3);

	KTEST_ASSERT_NOT_NULL(t, isa);
	KTEST_ASSERT_NOT_NULL(t, ide);
	KTEST_ASSERT_NOT_NULL(t, acpi);
	KTEST_EXPECT_EQ(t, isa->class, 0x0601);
	KTEST_EXPECT_EQ(t, ide->class, 0x0101);
	KTEST_EXPECT_EQ(t, acpi->device, 0x7113);
	KTEST_EXPECT_NULL(t, pci_get_slot(0, 1, 2));
	/* The IDE controller's bus-master DMA registers: 16 ports. */
	KTEST_EXPECT_EQ(t, ide->bar[4].flags, PCI_BAR_IO);
	KTEST_EXPECT_EQ(t, ide->bar[4].size, 16);
	KTEST_EXPECT_EQ(t, ide->bar[0].size, 0);
}

static void memory_bars_sized(struct ktest *t)
{
	struct pci_dev *vga = find_class(0x0300);

	KTEST_ASSERT_NOT_NULL(t, vga);
	KTEST_EXPECT_EQ(t, vga->vendor, 0x1234);
	/* std-vga: 16 MiB prefetchable framebuffer, 4 KiB of MMIO. */
	KTEST_EXPECT_EQ(t, vga->bar[0].flags, PCI_BAR_PREFETCH);
	KTEST_EXPECT_EQ(t, vga->bar[0].size, 16 << 20);
	KTEST_EXPECT_EQ(t, vga->bar[0].start & (vga->bar[0].size - 1), 0);
	KTEST_EXPECT_EQ(t, vga->bar[1].size, 0);
	KTEST_EXPECT_EQ(t, vga->bar[2].flags, 0);
	KTEST_EXPECT_EQ(t, vga->bar[2].size, 4096);
}

/* Sizing wrote all-ones into every BAR: each must be back as it was. */
static void sizing_restores_the_bars(struct ktest *t)
{
	struct list_head *pos;
	int checked = 0, i;

	list_for_each(pos, &pci_devices) {
		struct pci_dev *d = list_entry(pos, struct pci_dev, list);

		for (i = 0; i < PCI_NUM_BARS; i++) {
			uint32_t v;

			if (!d->bar[i].size)
				continue;
			v = pci_read_config_dword(d,
						  PCI_BASE_ADDRESS_0 + 4 * i);
			KTEST_EXPECT_EQ(t, v & (d->bar[i].flags & PCI_BAR_IO ?
						~3u : ~0xfu), d->bar[i].start);
			checked++;
		}
	}
	KTEST_EXPECT_GE(t, checked, 6);
}

static void legacy_virtio_disk(struct ktest *t)
{
	struct pci_dev *d = pci_get_device(VENDOR_VIRTIO, 0x1001, NULL);

	KTEST_ASSERT_NOT_NULL(t, d);
	KTEST_EXPECT_EQ(t, d->bus, 0);
	KTEST_EXPECT_EQ(t, d->subsystem_device, 2);	/* block device */
	KTEST_EXPECT_EQ(t, d->bar[0].flags, PCI_BAR_IO);
	KTEST_EXPECT_EQ(t, d->bar[0].size, 128);
	/* disable-modern=on, vectors=0: no MSI-X table, no modern BAR. */
	KTEST_EXPECT_EQ(t, d->bar[1].size, 0);
	KTEST_EXPECT_EQ(t, d->bar[4].size, 0);
	KTEST_EXPECT_EQ(t, d->pin, 1);
	KTEST_EXPECT_TRUE(t, d->irq == 10 || d->irq == 11);
}

static void bridge_and_bus_behind_it(struct ktest *t)
{
	struct pci_dev *bridge = find_class(PCI_CLASS_BRIDGE_PCI);
	struct pci_dev *first = pci_get_device(VENDOR_VIRTIO, 0x1001, NULL);
	struct pci_dev *behind;

	KTEST_ASSERT_NOT_NULL(t, bridge);
	KTEST_ASSERT_NOT_NULL(t, first);
	KTEST_EXPECT_EQ(t, bridge->hdr_type, PCI_HEADER_BRIDGE);
	KTEST_EXPECT_EQ(t, bridge->secondary, 1);
	behind = pci_get_device(VENDOR_VIRTIO, 0x1001, first);
	KTEST_ASSERT_NOT_NULL(t, behind);
	KTEST_EXPECT_EQ(t, behind->bus, bridge->secondary);
	/* Bus 0 comes first in the list: it names disks in PCI order. */
	KTEST_EXPECT_EQ(t, first->bus, 0);
	KTEST_EXPECT_NULL(t, pci_get_device(VENDOR_VIRTIO, 0x1001, behind));
}

/* The modern interface's BAR 4 is 64-bit and takes BAR 5 with it. */
static void mem64_bar_uses_two_slots(struct ktest *t)
{
	struct pci_dev *first = pci_get_device(VENDOR_VIRTIO, 0x1001, NULL);
	struct pci_dev *d = pci_get_device(VENDOR_VIRTIO, 0x1001, first);

	KTEST_ASSERT_NOT_NULL(t, d);
	KTEST_EXPECT_EQ(t, d->bar[4].flags, PCI_BAR_MEM64 | PCI_BAR_PREFETCH);
	KTEST_EXPECT_EQ(t, d->bar[4].size, 16384);
	KTEST_EXPECT_EQ(t, d->bar[5].size, 0);
	KTEST_EXPECT_EQ(t, d->bar[0].flags, PCI_BAR_IO);
}

/* On the IDE controller, which no driver of ours uses. */
static void enable_and_bus_master(struct ktest *t)
{
	struct pci_dev *ide = pci_get_slot(0, 1, 1);
	uint16_t saved, cmd;

	KTEST_ASSERT_NOT_NULL(t, ide);
	saved = pci_read_config_word(ide, PCI_COMMAND);
	pci_write_config_word(ide, PCI_COMMAND, 0);
	pci_enable_device(ide);
	cmd = pci_read_config_word(ide, PCI_COMMAND);
	KTEST_EXPECT_EQ(t, cmd, PCI_COMMAND_IO);
	pci_set_master(ide);
	cmd = pci_read_config_word(ide, PCI_COMMAND);
	KTEST_EXPECT_EQ(t, cmd, PCI_COMMAND_IO | PCI_COMMAND_MASTER);
	pci_write_config_word(ide, PCI_COMMAND, saved);
}

static const struct ktest_case pci_cases[] = {
	KTEST_CASE(host_bridge_is_i440fx),
	KTEST_CASE(multifunction_device_scanned),
	KTEST_CASE(memory_bars_sized),
	KTEST_CASE(sizing_restores_the_bars),
	KTEST_CASE(legacy_virtio_disk),
	KTEST_CASE(bridge_and_bus_behind_it),
	KTEST_CASE(mem64_bar_uses_two_slots),
	KTEST_CASE(enable_and_bus_master),
};
KTEST_SUITE(pci, pci_cases);
