/*
 * kernel/multiboot2.h - what GRUB hands the kernel: memory map, command line, modules.
 *
 * parse_multiboot2() copies what Faultline needs out of the Multiboot2 boot information into
 * boot_params (Linux's name for the same idea), so nothing later depends on GRUB's format.
 */
#ifndef FAULTLINE_MULTIBOOT2_H
#define FAULTLINE_MULTIBOOT2_H

#include "kernel/types.h"

#define MB2_BOOTLOADER_MAGIC	0x36d76289
#define E820_MAX_ENTRIES	64
#define MAX_BOOT_MODULES	8

/* Memory map entry types, as in the Multiboot2 spec (the same numbers as BIOS e820). */
enum e820_type {
	E820_TYPE_RAM = 1,
	E820_TYPE_RESERVED = 2,
	E820_TYPE_ACPI = 3,
	E820_TYPE_NVS = 4,
	E820_TYPE_UNUSABLE = 5,
};

struct e820_entry {
	u64 addr;
	u64 size;
	u32 type;
};

struct boot_module {
	phys_addr_t start, end;		/* [start, end) */
	char name[64];			/* the string after the module's path in grub.cfg */
};

struct boot_params {
	char cmdline[256];
	struct e820_entry e820[E820_MAX_ENTRIES];
	int nr_e820;
	struct boot_module modules[MAX_BOOT_MODULES];
	int nr_modules;
	phys_addr_t info_start, info_end;	/* the boot information itself */
};

extern struct boot_params boot_params;

/*
 * parse_multiboot2 - fill boot_params from the boot information at physical @info.
 * Returns 0, or -EINVAL if the information is malformed (sizes out of range), after printing
 * what is wrong.
 */
int parse_multiboot2(phys_addr_t info);

/* e820_type_name - a short name for a memory map type ("usable", "reserved", ...). */
const char *e820_type_name(u32 type);

/* cmdline_has - true if the kernel command line contains the word @word (or "@word=..."). */
bool cmdline_has(const char *word);
/* cmdline_value - the value of "key=value" on the command line (copied to @buf), or NULL. */
const char *cmdline_value(const char *key, char *buf, size_t size);

#endif
