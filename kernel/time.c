/*
 * kernel/time.c - the TSC as the clock: calibration against the PIT, time since boot.
 *
 * Calibration gates PIT channel 2 for 10 ms (11932 ticks of the 1.193182 MHz PIT) and counts
 * TSC ticks meanwhile, as Linux's pit_calibrate_tsc() does. Under QEMU's -icount the TSC counts
 * guest instructions, so the "time" is virtual but repeats exactly.
 */
#include "kernel/time.h"
#include "kernel/io.h"

#define PIT_TICK_RATE	1193182UL
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_GATE	0x61
#define CAL_MS		10

unsigned long tsc_khz;
static u64 tsc_at_boot;

void tsc_init(void)
{
	unsigned long latch = PIT_TICK_RATE / (1000 / CAL_MS);
	u64 t0, t1;

	/* Gate high, speaker off; channel 2, mode 0 (interrupt on terminal count), binary. */
	outb(PIT_GATE, (inb(PIT_GATE) & ~0x02) | 0x01);
	outb(PIT_MODE, 0xb0);
	outb(PIT_CH2, latch & 0xff);
	outb(PIT_CH2, latch >> 8);

	t0 = rdtsc();
	while (!(inb(PIT_GATE) & 0x20))	/* OUT2 goes high at terminal count */
		;
	t1 = rdtsc();
	tsc_khz = (unsigned long)((t1 - t0) / CAL_MS);
	if (tsc_khz == 0)
		tsc_khz = 1;
	tsc_at_boot = t0;
}

u64 ktime_get_ns(void)
{
	if (!tsc_khz)
		return 0;
	u64 ticks = rdtsc() - tsc_at_boot;
	/* ns = ticks * 10^6 / khz, split to avoid overflow for long uptimes. */
	return (ticks / tsc_khz) * 1000000UL + (ticks % tsc_khz) * 1000000UL / tsc_khz;
}

u64 ktime_get_us(void)
{
	return ktime_get_ns() / 1000;
}
