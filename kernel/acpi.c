/*
 * Finding an ACPI table (what Linux's drivers/acpi/tables.c does at
 * boot), for the SRAT that describes NUMA nodes (ACPI specification,
 * "System Resource Affinity Table").
 *
 * The RSDP ("RSD PTR ") lies on a 16-byte boundary in the first KiB
 * of the EBDA or in the BIOS area 0xE0000-0xFFFFF, both in the low
 * 1 MiB, which is always mapped.  It points to the RSDT (or, ACPI 2+,
 * the XSDT), a list of the physical addresses of the other tables.
 * Those lie at the top of RAM, possibly in HIGHMEM or in reserved
 * memory that is not mapped at all, so they are read one page at a
 * time through the FIX_ACPI fixmap slot.
 */
#include "kernel/acpi.h"
#include "kernel/kernel.h"
#include "mm/fixmap.h"

#define EBDA_SEG_PTR	0x40E
#define BIOS_START	0xE0000
#define BIOS_END	0x100000

struct acpi_rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt_address;
	uint32_t length;		/* revision 2 and later: */
	uint64_t xsdt_address;
	uint8_t ext_checksum, reserved[3];
} __attribute__((packed));

/* Copies len bytes of physical memory, through the ACPI fixmap slot. */
void acpi_read(void *dst, uint64_t phys, size_t len)
{
	char *out = dst;

	while (len) {
		size_t off = phys & ~PAGE_MASK;
		size_t n = min(len, PAGE_SIZE - off);

		set_fixmap(FIX_ACPI_BEGIN, phys >> PAGE_SHIFT);
		memcpy(out, (char *)fix_to_virt(FIX_ACPI_BEGIN) + off, n);
		clear_fixmap(FIX_ACPI_BEGIN);
		out += n;
		phys += n;
		len -= n;
	}
}

static uint8_t checksum(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

static const struct acpi_rsdp *scan_rsdp(unsigned long start,
					 unsigned long end)
{
	for (unsigned long p = start; p + 20 <= end; p += 16) {
		const struct acpi_rsdp *r = __va(p);

		if (!memcmp(r->signature, "RSD PTR ", 8) &&
		    !checksum(r, 20))
			return r;
	}
	return NULL;
}

static const struct acpi_rsdp *find_rsdp(void)
{
	unsigned long ebda = *(uint16_t *)__va(EBDA_SEG_PTR) << 4;
	const struct acpi_rsdp *r = NULL;

	if (ebda >= 0x80000 && ebda < BIOS_START)
		r = scan_rsdp(ebda, ebda + 1024);
	return r ? r : scan_rsdp(BIOS_START, BIOS_END);
}

/* Reads the table at phys into buf if its signature is sig. */
static int read_table(uint64_t phys, const char *sig, void *buf,
		      size_t size)
{
	struct acpi_table_header h;

	acpi_read(&h, phys, sizeof(h));
	if (memcmp(h.signature, sig, 4))
		return -ENOENT;
	if (h.length < sizeof(h) || h.length > size) {
		printk(KERN_WARNING "ACPI: %.4s of %u bytes ignored (at most "
		       "%lu)\n", sig, h.length, (unsigned long)size);
		return -E2BIG;
	}
	acpi_read(buf, phys, h.length);
	if (checksum(buf, h.length)) {
		printk(KERN_WARNING "ACPI: %.4s has a bad checksum, ignored\n",
		       sig);
		return -EINVAL;
	}
	return 0;
}

/*
 * Copies the first table with signature sig (e.g. "SRAT") into buf,
 * at most size bytes.  Returns 0, or -ENOENT if there is none (or no
 * ACPI at all), or another -errno after saying what was wrong.
 */
int acpi_get_table(const char *sig, void *buf, size_t size)
{
	const struct acpi_rsdp *rsdp = find_rsdp();
	bool xsdt = rsdp && rsdp->revision >= 2 && rsdp->xsdt_address;
	unsigned entry = xsdt ? 8 : 4;
	struct acpi_table_header root;
	uint64_t root_phys;

	if (!rsdp)
		return -ENOENT;
	root_phys = xsdt ? rsdp->xsdt_address : rsdp->rsdt_address;
	acpi_read(&root, root_phys, sizeof(root));
	if (memcmp(root.signature, xsdt ? "XSDT" : "RSDT", 4)) {
		printk(KERN_WARNING "ACPI: no %s at %#llx\n",
		       xsdt ? "XSDT" : "RSDT", (unsigned long long)root_phys);
		return -EINVAL;
	}
	for (uint32_t off = sizeof(root); off + entry <= root.length;
	     off += entry) {
		uint64_t phys = 0;
		int ret;

		acpi_read(&phys, root_phys + off, entry);
		ret = read_table(phys, sig, buf, size);
		if (ret != -ENOENT)
			return ret;
	}
	return -ENOENT;
}
