/*
 * mm/memlayout.h - the map: every address constant of Faultline in one place.
 *
 * x86-64, 4-level paging, 48-bit virtual addresses (the same layout as Linux's
 * Documentation/arch/x86/x86_64/mm.rst, trimmed to what Faultline uses):
 *
 *   0x0000000000000000 +--------------------------------+
 *                      | user space (per process)       |  128 TiB, TASK_SIZE
 *                      |   program text/data, brk heap  |
 *                      |   mmap area (grows down)       |
 *                      |   stack (grows down)           |
 *   0x00007ffffffff000 +--------------------------------+  TASK_SIZE (last page kept unmapped)
 *                      | non-canonical hole             |  any access is #GP
 *   0xffff800000000000 +--------------------------------+
 *                      | unused guard                   |
 *   0xffff888000000000 +--------------------------------+  PAGE_OFFSET
 *                      | direct map of all physical RAM |  "kernel logical" addresses:
 *                      | (physical 0 at PAGE_OFFSET)    |  __va(pa) = pa + PAGE_OFFSET;
 *                      | 2 MiB / 1 GiB pages, NX        |  kmalloc() returns these
 *   0xffffc88000000000 +--------------------------------+  end of the 64 TiB direct map
 *                      | unused hole                    |
 *   0xffffc90000000000 +--------------------------------+  VMALLOC_START
 *                      | vmalloc area                   |  virtually contiguous,
 *                      | 4 KiB pages + guard pages      |  physically scattered
 *   0xffffe8ffffffffff +--------------------------------+  VMALLOC_END
 *                      | unused                         |
 *   0xffffffff80000000 +--------------------------------+  __START_KERNEL_map
 *                      | kernel image: text (RX),       |  = physical KERNEL_PHYS_BASE
 *                      | rodata (R), data+bss (RW, NX)  |
 *   0xffffffffffffffff +--------------------------------+
 *
 * Physical memory: the kernel image is loaded by GRUB at KERNEL_PHYS_BASE (2 MiB); the
 * Multiboot2 information and the boot modules (the initramfs) follow it wherever GRUB puts them.
 */
#ifndef FAULTLINE_MEMLAYOUT_H
#define FAULTLINE_MEMLAYOUT_H

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define PMD_SHIFT		21		/* a PMD entry maps 2 MiB */
#define PMD_SIZE		(1UL << PMD_SHIFT)
#define PUD_SHIFT		30		/* a PUD entry maps 1 GiB */
#define PUD_SIZE		(1UL << PUD_SHIFT)
#define PGDIR_SHIFT		39		/* a PGD (PML4) entry maps 512 GiB */
#define PTRS_PER_TABLE		512

/* User space: [0, TASK_SIZE). The last user page stays unmapped, as in Linux, so that a
 * SYSRET to a non-canonical RIP can never happen from a user-controlled return address. */
#define TASK_SIZE		0x00007ffffffff000UL

/* The direct ("kernel logical") map of all physical RAM. */
#define PAGE_OFFSET		0xffff888000000000UL
#define DIRECT_MAP_SIZE		(64UL << 40)		/* 64 TiB, as Linux */

/* The vmalloc area. */
#define VMALLOC_START		0xffffc90000000000UL
#define VMALLOC_END		0xffffe8ffffffffffUL

/* The kernel image, linked here and loaded at KERNEL_PHYS_BASE. */
#define __START_KERNEL_map	0xffffffff80000000UL
#define KERNEL_PHYS_BASE	0x200000UL
#define KERNEL_IMAGE_SIZE	(1UL << 30)		/* the boot code maps 1 GiB of it */

/* User address-space layout (issue 3): where mmap, the stack and the zero page go. */
#define STACK_TOP		0x00007ffffffde000UL	/* top of the initial user stack */
#define STACK_RLIMIT		(8UL << 20)		/* the stack VMA may grow to 8 MiB */
#define MMAP_BASE		0x00007f0000000000UL	/* mmap searches downwards from here */
#define MMAP_MIN_ADDR		0x10000UL		/* the first 64 KiB are never mapped (NULL stays a fault) */

#ifndef __ASSEMBLER__
#include "kernel/types.h"

#ifdef FAULTLINE_HOST_TEST
/* Host unit tests run the allocators over a malloc'ed arena that stands in for physical RAM:
 * "physical address" 0 is the arena's first byte. */
extern unsigned long host_page_offset;
#define __va(pa)		((void *)((unsigned long)(pa) + host_page_offset))
#define __pa(va)		((phys_addr_t)((unsigned long)(va) - host_page_offset))
#else
/* __va(): the direct-map (kernel logical) address of physical address @pa. */
#define __va(pa)		((void *)((unsigned long)(pa) + PAGE_OFFSET))
/* __pa(): the physical address of a direct-map address (not for vmalloc or image addresses). */
#define __pa(va)		((phys_addr_t)((unsigned long)(va) - PAGE_OFFSET))
#endif
/* __pa_symbol(): the physical address of a kernel-image symbol. */
#define __pa_symbol(x)		((phys_addr_t)((unsigned long)(x) - __START_KERNEL_map + KERNEL_PHYS_BASE))

/* True if @addr is a direct-map address of RAM that the kernel may have handed out. */
static inline bool virt_addr_valid_range(unsigned long addr)
{
	return addr >= PAGE_OFFSET && addr < PAGE_OFFSET + DIRECT_MAP_SIZE;
}

static inline bool is_vmalloc_addr(const void *p)
{
	unsigned long a = (unsigned long)p;

	return a >= VMALLOC_START && a <= VMALLOC_END;
}
#endif

#endif
