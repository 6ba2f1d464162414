/*
 * kernel/power.h - stopping the machine, and leaving QEMU with a status.
 */
#ifndef FAULTLINE_POWER_H
#define FAULTLINE_POWER_H

#include "kernel/types.h"

/* Set when the command line says "test": self tests run, and panics exit QEMU with failure. */
extern bool test_mode;

/* Status values for qemu_exit(); QEMU exits with (status << 1) | 1. */
#define QEMU_EXIT_SUCCESS	0	/* QEMU exit code 1 */
#define QEMU_EXIT_FAILURE	1	/* QEMU exit code 3 */
#define QEMU_EXIT_PANIC		0x3e	/* QEMU exit code 125: run-elf's "the kernel panicked" */

/*
 * machine_power_off - leave QEMU with @status through the isa-debug-exit device (port 0xf4),
 * or, without that device, halt with interrupts off. Never returns.
 */
__noreturn void machine_power_off(int status);

#endif
