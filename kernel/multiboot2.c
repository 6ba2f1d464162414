/*
 * kernel/multiboot2.c - reading the Multiboot2 boot information (Multiboot2 spec, section 3.6).
 *
 * The information is a u32 total size, a u32 reserved word, then 8-byte aligned tags, each
 * starting with u32 type and u32 size, ending with a tag of type 0.
 */
#include "kernel/multiboot2.h"
#include "kernel/printk.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/memlayout.h"

#define MB2_TAG_END	0
#define MB2_TAG_CMDLINE	1
#define MB2_TAG_MODULE	3
#define MB2_TAG_MMAP	6

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_tag_module {
	u32 type, size;
	u32 mod_start, mod_end;
	char string[];
};

struct mb2_tag_mmap {
	u32 type, size;
	u32 entry_size, entry_version;
	u8 entries[];
};

struct mb2_mmap_entry {
	u64 addr, len;
	u32 type, reserved;
};

struct boot_params boot_params;

int parse_multiboot2(phys_addr_t info)
{
	const u8 *base = __va(info);
	u32 total = *(const u32 *)base;
	u32 off = 8;

	if (total < 16 || total > (1u << 20)) {
		pr_err("multiboot2: boot information size %u is not plausible\n", total);
		return -EINVAL;
	}
	boot_params.info_start = info;
	boot_params.info_end = info + total;

	while (off + sizeof(struct mb2_tag) <= total) {
		const struct mb2_tag *tag = (const void *)(base + off);

		if (tag->size < sizeof(*tag) || off + tag->size > total) {
			pr_err("multiboot2: tag %u at offset %u has bad size %u\n", tag->type, off, tag->size);
			return -EINVAL;
		}
		if (tag->type == MB2_TAG_END)
			break;

		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			strscpy(boot_params.cmdline, (const char *)(tag + 1),
				min(sizeof(boot_params.cmdline), (size_t)(tag->size - sizeof(*tag))));
			break;
		case MB2_TAG_MODULE: {
			const struct mb2_tag_module *m = (const void *)tag;
			struct boot_module *bm;

			if (boot_params.nr_modules >= MAX_BOOT_MODULES) {
				pr_warn("multiboot2: more than %d modules, ignoring the rest\n", MAX_BOOT_MODULES);
				break;
			}
			if (m->mod_end < m->mod_start) {
				pr_err("multiboot2: module with end %#x below start %#x\n", m->mod_end, m->mod_start);
				return -EINVAL;
			}
			bm = &boot_params.modules[boot_params.nr_modules++];
			bm->start = m->mod_start;
			bm->end = m->mod_end;
			strscpy(bm->name, m->string, min(sizeof(bm->name), (size_t)(tag->size - sizeof(*m))));
			break;
		}
		case MB2_TAG_MMAP: {
			const struct mb2_tag_mmap *mm = (const void *)tag;
			u32 n;

			if (mm->entry_size < sizeof(struct mb2_mmap_entry)) {
				pr_err("multiboot2: memory map entry size %u too small\n", mm->entry_size);
				return -EINVAL;
			}
			n = (tag->size - sizeof(*mm)) / mm->entry_size;
			for (u32 i = 0; i < n && boot_params.nr_e820 < E820_MAX_ENTRIES; i++) {
				const struct mb2_mmap_entry *e = (const void *)(mm->entries + i * mm->entry_size);
				struct e820_entry *d = &boot_params.e820[boot_params.nr_e820++];

				d->addr = e->addr;
				d->size = e->len;
				d->type = e->type;
			}
			break;
		}
		default:
			break;
		}
		off += ALIGN_UP(tag->size, 8u);
	}
	if (boot_params.nr_e820 == 0) {
		pr_err("multiboot2: no memory map from the boot loader\n");
		return -EINVAL;
	}
	return 0;
}

const char *e820_type_name(u32 type)
{
	switch (type) {
	case E820_TYPE_RAM:		return "usable";
	case E820_TYPE_RESERVED:	return "reserved";
	case E820_TYPE_ACPI:		return "ACPI data";
	case E820_TYPE_NVS:		return "ACPI NVS";
	case E820_TYPE_UNUSABLE:	return "unusable";
	default:			return "unknown";
	}
}

/* Find "word" or "word=" as a whole word in the command line; return a pointer to it. */
static const char *cmdline_find(const char *word)
{
	size_t n = strlen(word);
	const char *p = boot_params.cmdline;

	while (*p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, word, n) && (p[n] == '\0' || p[n] == ' ' || p[n] == '='))
			return p;
		while (*p && *p != ' ')
			p++;
	}
	return NULL;
}

bool cmdline_has(const char *word)
{
	return cmdline_find(word) != NULL;
}

const char *cmdline_value(const char *key, char *buf, size_t size)
{
	const char *p = cmdline_find(key);
	size_t i = 0;

	if (!p || p[strlen(key)] != '=')
		return NULL;
	p += strlen(key) + 1;
	while (p[i] && p[i] != ' ' && i + 1 < size) {
		buf[i] = p[i];
		i++;
	}
	buf[i] = '\0';
	return buf;
}
