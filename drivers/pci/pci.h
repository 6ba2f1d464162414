/*
 * drivers/pci/pci.h - the PCI bus: devices found through configuration mechanism #1 and the
 * drivers that claim them (Linux's include/linux/pci.h, in miniature).
 *
 * pci_init() walks every bus, slot and function once at boot and records each device's ids,
 * class, BARs and interrupt line in a struct pci_dev. A driver lists the vendor/device ids it
 * serves in a pci_device_id table and calls pci_register_driver(); its probe runs for every
 * matching device, in bus order (for QEMU's PC: PCI slot order, the order of -drive options).
 */
#ifndef FAULTLINE_DRIVERS_PCI_H
#define FAULTLINE_DRIVERS_PCI_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/printk.h"

#define PCI_VENDOR_ID		0x00	/* configuration space offsets (Linux's pci_regs.h) */
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define PCI_CLASS_REVISION	0x08
#define PCI_HEADER_TYPE		0x0e
#define PCI_BASE_ADDRESS_0	0x10
#define PCI_SUBSYSTEM_ID	0x2e
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_INTERRUPT_PIN	0x3d

#define PCI_COMMAND_IO		0x1	/* respond to I/O space accesses */
#define PCI_COMMAND_MEMORY	0x2	/* respond to memory space accesses */
#define PCI_COMMAND_MASTER	0x4	/* the device may do DMA */

#define PCI_BASE_ADDRESS_SPACE_IO	0x1
#define PCI_BASE_ADDRESS_MEM_TYPE_64	0x4
#define PCI_BASE_ADDRESS_IO_MASK	(~0x3u)
#define PCI_BASE_ADDRESS_MEM_MASK	(~0xfu)

#define IORESOURCE_IO		0x100
#define IORESOURCE_MEM		0x200

#define PCI_NUM_RESOURCES	6

/* One BAR: [start, start + len) in I/O or memory space (flags), or len 0 if unused. */
struct resource {
	u64 start;
	u64 len;
	unsigned long flags;
};

struct pci_dev {
	struct list_head bus_list;	/* in the list of all devices, bus order */
	u8 bus, devfn;			/* devfn = slot << 3 | function */
	u16 vendor, device;
	u32 class;			/* base class << 16 | subclass << 8 | prog-if */
	u8 revision;
	u16 subsystem_device;
	unsigned int irq;		/* the interrupt line the firmware routed (0xff: none) */
	struct resource resource[PCI_NUM_RESOURCES];
	struct pci_driver *driver;	/* the driver that claimed it, or NULL */
	void *driver_data;
};

#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 0x07)
#define PCI_ANY_ID		0xffffu

struct pci_device_id {
	u16 vendor, device;		/* PCI_ANY_ID matches any; a {0, 0} entry ends the table */
};

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;
	/* Claim @dev (matched by @id): 0 to keep it, -errno to leave it unclaimed. */
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
};

/* pci_init - enumerate buses 0..255 and log each device found, in Linux's format. */
void pci_init(void);

/*
 * pci_register_driver - run @drv->probe for every unclaimed device its id table matches, in
 * bus order. Returns how many devices it claimed.
 */
int pci_register_driver(struct pci_driver *drv);

/* pci_enable_device - turn on I/O and memory decoding for @dev's BARs. Returns 0. */
int pci_enable_device(struct pci_dev *dev);
/* pci_set_master - let @dev master the bus (DMA into RAM). */
void pci_set_master(struct pci_dev *dev);
/* pci_info - a kernel log line about @dev, prefixed with its address as Linux prints it
 * ("pci 0000:00:04.0: "), or with @drv's name for a driver's messages (pci_drv_info). */
#define pci_info(dev, fmt, ...)							\
	pr_info("pci 0000:%02x:%02x.%d: " fmt, (dev)->bus, PCI_SLOT((dev)->devfn),	\
		PCI_FUNC((dev)->devfn), ##__VA_ARGS__)
#define pci_drv_info(drv, dev, fmt, ...)						\
	pr_info("%s 0000:%02x:%02x.%d: " fmt, (drv), (dev)->bus, PCI_SLOT((dev)->devfn),	\
		PCI_FUNC((dev)->devfn), ##__VA_ARGS__)

/* pci_read_config_* / pci_write_config_* - the byte, word or dword at offset @where of @dev's
 * configuration space (naturally aligned). Reads of an absent device give all ones. */
u8 pci_read_config_byte(const struct pci_dev *dev, unsigned int where);
u16 pci_read_config_word(const struct pci_dev *dev, unsigned int where);
u32 pci_read_config_dword(const struct pci_dev *dev, unsigned int where);
void pci_write_config_word(const struct pci_dev *dev, unsigned int where, u16 val);
void pci_write_config_dword(const struct pci_dev *dev, unsigned int where, u32 val);

#endif
