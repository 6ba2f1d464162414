/*
 * drivers/pci/pci.c - PCI enumeration through configuration mechanism #1 and driver matching
 * (Linux's drivers/pci/probe.c and pci-driver.c, in miniature).
 *
 * Mechanism #1: write 0x80000000 | bus << 16 | devfn << 8 | (offset & 0xfc) to port 0xcf8
 * (CONFIG_ADDRESS), then read or write the dword at port 0xcfc (CONFIG_DATA); a byte or word
 * at offset o sits at port 0xcfc + (o & 3). A slot with no device reads vendor 0xffff.
 *
 * The firmware (SeaBIOS) has already assigned the BARs and written the legacy interrupt line
 * each device's INTx pin is routed to (configuration byte 0x3c); Faultline keeps both.
 * Devices are found once, at boot; there is no hot plug and no bridge programming.
 */
#include "drivers/pci/pci.h"
#include "kernel/io.h"
#include "kernel/errno.h"
#include "mm/slab.h"

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc

static LIST_HEAD(pci_devices);

/* pci_conf1_addr - select dword @where of @bus/@devfn's configuration space. */
static void pci_conf1_addr(u8 bus, u8 devfn, unsigned int where)
{
	outl(PCI_CONFIG_ADDRESS, 0x80000000u | (u32)bus << 16 | (u32)devfn << 8 | (where & 0xfc));
}

/* pci_conf1_read - the 1, 2 or 4 bytes (@size) at @where of @bus/@devfn's configuration space. */
static u32 pci_conf1_read(u8 bus, u8 devfn, unsigned int where, int size)
{
	unsigned long flags = local_irq_save();
	u32 v;

	pci_conf1_addr(bus, devfn, where);
	if (size == 1)
		v = inb(PCI_CONFIG_DATA + (where & 3));
	else if (size == 2)
		v = inw(PCI_CONFIG_DATA + (where & 2));
	else
		v = inl(PCI_CONFIG_DATA);
	local_irq_restore(flags);
	return v;
}

/* pci_conf1_write - write the 2 or 4 bytes (@size) @val at @where. */
static void pci_conf1_write(u8 bus, u8 devfn, unsigned int where, int size, u32 val)
{
	unsigned long flags = local_irq_save();

	pci_conf1_addr(bus, devfn, where);
	if (size == 2)
		outw(PCI_CONFIG_DATA + (where & 2), (u16)val);
	else
		outl(PCI_CONFIG_DATA, val);
	local_irq_restore(flags);
}

u8 pci_read_config_byte(const struct pci_dev *dev, unsigned int where)
{
	return (u8)pci_conf1_read(dev->bus, dev->devfn, where, 1);
}

u16 pci_read_config_word(const struct pci_dev *dev, unsigned int where)
{
	return (u16)pci_conf1_read(dev->bus, dev->devfn, where, 2);
}

u32 pci_read_config_dword(const struct pci_dev *dev, unsigned int where)
{
	return pci_conf1_read(dev->bus, dev->devfn, where, 4);
}

void pci_write_config_word(const struct pci_dev *dev, unsigned int where, u16 val)
{
	pci_conf1_write(dev->bus, dev->devfn, where, 2, val);
}

void pci_write_config_dword(const struct pci_dev *dev, unsigned int where, u32 val)
{
	pci_conf1_write(dev->bus, dev->devfn, where, 4, val);
}

/*
 * pci_read_bases - size and record @dev's six BARs (Linux's __pci_read_base): write all ones,
 * read back which address bits stick, restore. Decoding is off while a BAR holds the ones, so
 * the device never answers at a bogus address. A 64-bit memory BAR uses the next slot too.
 */
static void pci_read_bases(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);

	pci_write_config_word(dev, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (int i = 0; i < PCI_NUM_RESOURCES; i++) {
		unsigned int reg = PCI_BASE_ADDRESS_0 + 4 * i;
		u32 orig = pci_read_config_dword(dev, reg), sz;
		struct resource *res = &dev->resource[i];

		pci_write_config_dword(dev, reg, ~0u);
		sz = pci_read_config_dword(dev, reg);
		pci_write_config_dword(dev, reg, orig);
		if (!sz || sz == ~0u)
			continue;
		if (orig & PCI_BASE_ADDRESS_SPACE_IO) {
			sz &= PCI_BASE_ADDRESS_IO_MASK & 0xffff;
			res->start = orig & PCI_BASE_ADDRESS_IO_MASK;
			res->len = sz ? (~sz & 0xffff) + 1 : 0;
			res->flags = IORESOURCE_IO;
			continue;
		}
		res->start = orig & PCI_BASE_ADDRESS_MEM_MASK;
		res->len = (u64)(~(sz & PCI_BASE_ADDRESS_MEM_MASK)) + 1;
		res->len &= 0xffffffffu;
		res->flags = IORESOURCE_MEM;
		if ((orig & 0x6) == PCI_BASE_ADDRESS_MEM_TYPE_64 && i + 1 < PCI_NUM_RESOURCES) {
			u32 hi = pci_read_config_dword(dev, reg + 4), szhi;

			pci_write_config_dword(dev, reg + 4, ~0u);
			szhi = pci_read_config_dword(dev, reg + 4);
			pci_write_config_dword(dev, reg + 4, hi);
			res->start |= (u64)hi << 32;
			res->len = ~(((u64)szhi << 32) | (sz & PCI_BASE_ADDRESS_MEM_MASK)) + 1;
			i++;
		}
	}
	pci_write_config_word(dev, PCI_COMMAND, cmd);
}

/* pci_scan_device - record the device at @bus/@devfn if there is one. Returns it, or NULL if
 * the slot is empty (or no memory is left for its descriptor, which is logged). */
static struct pci_dev *pci_scan_device(u8 bus, u8 devfn)
{
	u32 id = pci_conf1_read(bus, devfn, PCI_VENDOR_ID, 4);
	struct pci_dev *dev;
	u32 class;

	if ((id & 0xffff) == 0xffff || (id & 0xffff) == 0)
		return NULL;
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev) {
		pr_err("pci: no memory for the device at %02x:%02x.%d\n", bus, PCI_SLOT(devfn), PCI_FUNC(devfn));
		return NULL;
	}
	dev->bus = bus;
	dev->devfn = devfn;
	dev->vendor = id & 0xffff;
	dev->device = id >> 16;
	class = pci_read_config_dword(dev, PCI_CLASS_REVISION);
	dev->revision = class & 0xff;
	dev->class = class >> 8;
	dev->subsystem_device = pci_read_config_word(dev, PCI_SUBSYSTEM_ID);
	dev->irq = pci_read_config_byte(dev, PCI_INTERRUPT_PIN) ?
		   pci_read_config_byte(dev, PCI_INTERRUPT_LINE) : 0xff;
	if ((pci_read_config_byte(dev, PCI_HEADER_TYPE) & 0x7f) == 0)	/* bridges: no BARs kept */
		pci_read_bases(dev);
	list_add_tail(&dev->bus_list, &pci_devices);

	pci_info(dev, "[%04x:%04x] type %02x class 0x%06x\n", dev->vendor, dev->device,
		 pci_read_config_byte(dev, PCI_HEADER_TYPE) & 0x7f, dev->class);
	for (int i = 0; i < PCI_NUM_RESOURCES; i++) {
		struct resource *r = &dev->resource[i];

		if (r->len)
			pci_info(dev, "reg 0x%x: [%s %#lx-%#lx]\n", PCI_BASE_ADDRESS_0 + 4 * i,
				 r->flags & IORESOURCE_IO ? "io " : "mem",
				 (unsigned long)r->start, (unsigned long)(r->start + r->len - 1));
	}
	return dev;
}

void pci_init(void)
{
	int n = 0;

	for (unsigned int bus = 0; bus < 256; bus++) {
		for (unsigned int slot = 0; slot < 32; slot++) {
			u8 devfn = (u8)(slot << 3);

			if (!pci_scan_device((u8)bus, devfn))
				continue;
			n++;
			/* Functions 1..7 exist only on a multi-function device (header bit 7). */
			if (!(pci_conf1_read((u8)bus, devfn, PCI_HEADER_TYPE, 1) & 0x80))
				continue;
			for (unsigned int fn = 1; fn < 8; fn++)
				n += pci_scan_device((u8)bus, (u8)(devfn | fn)) != NULL;
		}
	}
	pr_info("pci: %d devices\n", n);
}

/* pci_match_id - the entry of @ids that matches @dev, or NULL. */
static const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
						const struct pci_dev *dev)
{
	for (; ids->vendor || ids->device; ids++) {
		if ((ids->vendor == PCI_ANY_ID || ids->vendor == dev->vendor) &&
		    (ids->device == PCI_ANY_ID || ids->device == dev->device))
			return ids;
	}
	return NULL;
}

int pci_register_driver(struct pci_driver *drv)
{
	struct pci_dev *dev;
	int claimed = 0;

	list_for_each_entry(dev, &pci_devices, bus_list) {
		const struct pci_device_id *id;

		if (dev->driver || !(id = pci_match_id(drv->id_table, dev)))
			continue;
		dev->driver = drv;
		if (drv->probe(dev, id) == 0) {
			claimed++;
			continue;
		}
		dev->driver = NULL;
		dev->driver_data = NULL;
	}
	return claimed;
}

int pci_enable_device(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND), want = 0;

	for (int i = 0; i < PCI_NUM_RESOURCES; i++) {
		if (dev->resource[i].flags & IORESOURCE_IO)
			want |= PCI_COMMAND_IO;
		if (dev->resource[i].flags & IORESOURCE_MEM)
			want |= PCI_COMMAND_MEMORY;
	}
	if ((cmd & want) != want)
		pci_write_config_word(dev, PCI_COMMAND, cmd | want);
	return 0;
}

void pci_set_master(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);

	if (!(cmd & PCI_COMMAND_MASTER))
		pci_write_config_word(dev, PCI_COMMAND, cmd | PCI_COMMAND_MASTER);
}
