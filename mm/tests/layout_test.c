/*
 * mm/tests/layout_test.c - self tests of the kernel address space paging_init() built:
 * the direct map ("kernel logical" addresses), the W^X kernel image, no identity map left,
 * and no kernel mapping a user could reach.
 */
#include "kernel/selftest.h"
#include "kernel/extable.h"
#include "kernel/multiboot2.h"
#include "kernel/errno.h"
#include "kernel/io.h"
#include "mm/pgtable.h"
#include "mm/init.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "mm/memblock.h"

/* __va(__pa(x)) == x for kernel logical addresses, and both views see the same bytes. */
KTEST(va_pa_roundtrip)
{
	char *obj = kmalloc(100, GFP_KERNEL);
	struct page *page = alloc_page(GFP_KERNEL);

	KASSERT(t, obj && page);
	KEXPECT(t, __va(__pa(obj)) == obj);
	KEXPECT(t, __pa(page_address(page)) == page_to_phys(page));
	KEXPECT(t, virt_to_page(page_address(page)) == page);
	KEXPECT_EQ(t, __pa(__va(0x1234000)), 0x1234000);
	/* The direct map is "physical 0 at PAGE_OFFSET": write through one address, read the frame. */
	obj[7] = 0x5a;
	KEXPECT_EQ(t, ((char *)__va(__pa(obj)))[7], 0x5a);
	KEXPECT_EQ(t, (unsigned long)__va(0), PAGE_OFFSET);
	kfree(obj);
	__free_page(page);
}

/* Every RAM range of the memory map is in the direct map: present, writable, NX, global. */
KTEST(direct_map_covers_ram)
{
	for (int i = 0; i < boot_params.nr_e820; i++) {
		struct e820_entry *e = &boot_params.e820[i];

		if (e->type != E820_TYPE_RAM)
			continue;
		phys_addr_t probe[3] = { e->addr, e->addr + e->size / 2, e->addr + e->size - 1 };
		for (int j = 0; j < 3; j++) {
			enum pg_level level;
			pte_t *entry = lookup_address(swapper_pg_dir, (unsigned long)__va(probe[j]), &level);

			KASSERT(t, entry != NULL);
			KEXPECT(t, level == PG_LEVEL_2M || level == PG_LEVEL_1G);
			KEXPECT(t, (pte_val(*entry) & _PAGE_RW) && (pte_val(*entry) & _PAGE_NX) && (pte_val(*entry) & _PAGE_GLOBAL));
			KEXPECT(t, !(pte_val(*entry) & _PAGE_USER));
			unsigned long page_size = level == PG_LEVEL_1G ? PUD_SIZE : PMD_SIZE;
			KEXPECT_EQ(t, pte_phys(*entry), ALIGN_DOWN(probe[j], page_size));
		}
	}
	KEXPECT(t, direct_map_end >= (unsigned long)memblock_end_of_DRAM());
}

/* W^X: text is read+execute, rodata read-only, data/bss writable but not executable, and no
 * page of the image is both writable and executable. A write to rodata faults (CR0.WP). */
KTEST(kernel_image_wx)
{
	enum pg_level level;
	pte_t *e;

	e = lookup_address(swapper_pg_dir, (unsigned long)_stext, &level);
	KASSERT(t, e && level == PG_LEVEL_4K);
	KEXPECT(t, !(pte_val(*e) & _PAGE_RW) && !(pte_val(*e) & _PAGE_NX));
	e = lookup_address(swapper_pg_dir, (unsigned long)__start_rodata, &level);
	KASSERT(t, e);
	KEXPECT(t, !(pte_val(*e) & _PAGE_RW) && (pte_val(*e) & _PAGE_NX));
	e = lookup_address(swapper_pg_dir, (unsigned long)_sdata, &level);
	KASSERT(t, e);
	KEXPECT(t, (pte_val(*e) & _PAGE_RW) && (pte_val(*e) & _PAGE_NX));

	int wx_pages = 0;
	for (unsigned long va = __START_KERNEL_map; va < (unsigned long)_end; va += PAGE_SIZE) {
		e = lookup_address(swapper_pg_dir, va, &level);
		KASSERT(t, e != NULL);
		if ((pte_val(*e) & _PAGE_RW) && !(pte_val(*e) & _PAGE_NX))
			wx_pages++;
		KEXPECT(t, !(pte_val(*e) & _PAGE_USER));
	}
	KEXPECT_EQ(t, wx_pages, 0);

	KEXPECT(t, read_cr0() & (1UL << 16));			/* CR0.WP */
	KEXPECT(t, rdmsr(MSR_EFER) & EFER_NXE);
	char c = 'x';
	KEXPECT_EQ(t, copy_to_kernel_nofault(__start_rodata, &c, 1), -EFAULT);
	KEXPECT_EQ(t, copy_to_kernel_nofault(_stext, &c, 1), -EFAULT);
}

/* The identity map of the boot code is gone, the user half of the kernel PGD is empty, and
 * CR3 points at swapper_pg_dir. */
KTEST(boot_identity_map_removed)
{
	enum pg_level level;
	char c;

	KEXPECT_EQ(t, read_cr3() & PTE_PFN_MASK, __pa(swapper_pg_dir));
	KEXPECT(t, lookup_address(swapper_pg_dir, KERNEL_PHYS_BASE, &level) == NULL);
	KEXPECT(t, lookup_address(swapper_pg_dir, 0x100000, &level) == NULL);
	for (int i = 0; i < 256; i++)
		KEXPECT(t, pgd_none(swapper_pg_dir[i]));
	KEXPECT_EQ(t, copy_from_kernel_nofault(&c, (void *)(KERNEL_PHYS_BASE + 0x100), 1), -EFAULT);
}

/* No entry at any level of the kernel half carries the user bit. */
KTEST(no_user_accessible_kernel_mapping)
{
	int user_entries = 0;

	for (int i = USER_PTRS_PER_PGD; i < PTRS_PER_TABLE; i++) {
		pgd_t pgd = swapper_pg_dir[i];

		if (!pgd_present(pgd))
			continue;
		user_entries += !!(pgd_val(pgd) & _PAGE_USER);
		pud_t *pud = pgd_pgtable(pgd);
		for (int j = 0; j < PTRS_PER_TABLE; j++) {
			if (!pud_present(pud[j]))
				continue;
			user_entries += !!(pud_val(pud[j]) & _PAGE_USER);
			if (pud_large(pud[j]))
				continue;
			pmd_t *pmd = pud_pgtable(pud[j]);
			for (int k = 0; k < PTRS_PER_TABLE; k++) {
				if (!pmd_present(pmd[k]))
					continue;
				user_entries += !!(pmd_val(pmd[k]) & _PAGE_USER);
				if (pmd_large(pmd[k]))
					continue;
				pte_t *pte = pmd_pgtable(pmd[k]);
				for (int l = 0; l < PTRS_PER_TABLE; l++)
					user_entries += pte_present(pte[l]) && pte_user(pte[l]);
			}
		}
	}
	KEXPECT_EQ(t, user_entries, 0);
}

/* The exception table turns faults in the nofault helpers into -EFAULT: an unmapped address
 * (#PF) and a non-canonical one (#GP). */
KTEST(extable_fixup_nofault)
{
	char buf[8];

	KEXPECT_EQ(t, copy_from_kernel_nofault(buf, NULL, 1), -EFAULT);
	KEXPECT_EQ(t, copy_from_kernel_nofault(buf, (void *)0x8000000000000000UL, 8), -EFAULT);
	KEXPECT_EQ(t, copy_from_kernel_nofault(buf, (void *)(VMALLOC_END - 4096), 8), -EFAULT);
	KEXPECT_EQ(t, copy_from_kernel_nofault(buf, _stext, 8), 0);
}
