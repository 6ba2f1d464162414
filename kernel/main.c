/*
 * kernel/main.c - start_kernel(): the first C code, bringing the machine up in order.
 */
#include "kernel/types.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "drivers/tty/serial.h"
#include "kernel/time.h"
#include "kernel/desc.h"
#include "kernel/irq.h"
#include "kernel/multiboot2.h"
#include "kernel/selftest.h"
#include "kernel/lib/string.h"
#include "kernel/io.h"
#include "mm/init.h"
#include "mm/vmscan.h"
#include "drivers/pci/pci.h"
#include "drivers/block/blkdev.h"
#include "mm/memory.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "fs/fs.h"
#include "fs/mount.h"
#include "kernel/tests/crash_test.h"

#define FAULTLINE_VERSION "0.1"

extern char __bss_start[], __bss_stop[];

/* Parse the few command-line options the kernel itself acts on. */
static void parse_early_options(void)
{
	char buf[16];

	test_mode = cmdline_has("test");
	if (cmdline_has("debug"))
		console_loglevel = 8;
	if (cmdline_value("loglevel", buf, sizeof(buf)))
		console_loglevel = (int)simple_strtoul(buf, NULL, 10);
}

/*
 * start_kernel - called by boot/head_64.asm on the boot stack with the Multiboot2 magic and
 * the physical address of the boot information. Never returns.
 */
void start_kernel(u32 magic, u32 boot_info_phys)
{
	serial_init(COM1_PORT);
	cpu_init_tables();
	init_IRQ();
	tsc_init();

	if (magic != MB2_BOOTLOADER_MAGIC)
		panic("bad Multiboot2 magic %#x", magic);
	if (parse_multiboot2(boot_info_phys))
		panic("unusable Multiboot2 boot information");
	parse_early_options();

	pr_notice("Faultline " FAULTLINE_VERSION " (x86-64, higher half) - Linux's memory system in miniature\n");
	pr_info("Command line: %s\n", boot_params.cmdline);
	pr_info("tsc: %lu.%03lu MHz TSC\n", tsc_khz / 1000, tsc_khz % 1000);

	mm_init();
	mem_print_summary();
	zero_page_init();
	timekeeping_init();
	vfs_init();
	console_init();
	pci_init();
	virtio_blk_init();

	char crash[16];
	if (cmdline_value("crash", crash, sizeof(crash)))
		run_crash_test(crash);

	if (test_mode) {
		int failed = run_selftests();

		machine_power_off(failed ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
	}
	sched_init();
	syscall_init();
	start_init(NULL, NULL, NULL);
	flusher_init();		/* pid 2: write-back (fs/fs-writeback.c) */
	vmscan_init();		/* pid 3: kswapd0, page reclaim (mm/vmscan.c) */
	pr_info("Faultline: starting init. Ctrl-A C opens the QEMU monitor (try `info mem`), Ctrl-A X quits.\n");
	cpu_idle();
}
