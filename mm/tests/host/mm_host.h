/*
 * mm/tests/host/mm_host.h - a fake machine for host tests of the memory allocators.
 *
 * A malloc'ed arena stands in for physical RAM: "physical address" 0 is its first byte, and
 * memlayout.h's FAULTLINE_HOST_TEST __va()/__pa() add and subtract host_page_offset. The
 * kernel services the allocators call (printk, panic, __warn, expected_report) are replaced by
 * versions that print TAP "# " diagnostic lines. Include this in exactly one file of each test
 * program.
 *
 * A test that provokes a "BUG: Bad page state" report on purpose announces it with
 * expect_reports(n), as the in-kernel self tests do, so that the report reads "selftest:
 * expected report: ..." and no line of `make test` looks like a real kernel failure. To check
 * what an unannounced report looks like, a test sets host_quiet: the message is kept in
 * host_last_printk but not printed.
 */
#ifndef FAULTLINE_MM_HOST_H
#define FAULTLINE_MM_HOST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/panic.h"

#define HOST_ARENA_SIZE		(8UL << 20)	/* 8 MiB of "RAM": 2048 frames */
#define HOST_ARENA_ALIGN	(4UL << 20)	/* so order-10 blocks are really 4 MiB aligned */
#define HOST_NR_PFNS		(HOST_ARENA_SIZE >> PAGE_SHIFT)
#define HOST_RESERVED_PFNS	4		/* frames 0..3 stay PG_reserved ("firmware") */
#define HOST_EXTRA_PAGES	16		/* descriptors past max_pfn, to test out-of-range frees */

unsigned long host_page_offset;
int console_loglevel = 7;
static char host_last_printk[512];	/* the last message printed, for tests to inspect */
static unsigned long host_nr_warnings;
static bool host_quiet;			/* keep messages in host_last_printk, print nothing */
static unsigned int host_expected_reports;

void expect_reports(unsigned int n)
{
	host_expected_reports = n;
}

bool expected_report(void)
{
	if (!host_expected_reports)
		return false;
	host_expected_reports--;
	return true;
}

unsigned int expected_reports_left(void)
{
	return host_expected_reports;
}

/* printk - print the message as a TAP diagnostic, without its KERN_* level prefix. */
int vprintk(const char *fmt, va_list ap)
{
	int n = vsnprintf(host_last_printk, sizeof(host_last_printk), fmt, ap);
	const char *msg = host_last_printk;
	size_t len;

	if (msg[0] == KERN_SOH[0] && msg[1] != '\0')
		msg += 2;
	len = strlen(msg);
	if (!host_quiet)
		printf("# %s%s", msg, len > 0 && msg[len - 1] == '\n' ? "" : "\n");
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	printf("# Kernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\nBail out! panic\n");
	fflush(stdout);
	abort();
}

void __warn(const char *file, int line, const char *cond)
{
	host_nr_warnings++;
	if (expected_report())
		printf("# " EXPECTED_REPORT_PREFIX "warning: %s:%d: %s\n", file, line, cond);
	else
		printf("# WARNING: %s:%d: %s\n", file, line, cond);
}

/*
 * host_mm_init - allocate the arena and the mem_map, and give every frame except the first
 * HOST_RESERVED_PFNS to the buddy allocator. The HOST_EXTRA_PAGES descriptors past the end
 * are filled with 0xa5 so tests can check that bad frees never write them.
 */
static void host_mm_init(void)
{
	void *arena = aligned_alloc(HOST_ARENA_ALIGN, HOST_ARENA_SIZE);
	struct page *map = malloc((HOST_NR_PFNS + HOST_EXTRA_PAGES) * sizeof(struct page));

	if (!arena || !map) {
		printf("Bail out! cannot allocate the test arena\n");
		exit(1);
	}
	memset(arena, 0x5c, HOST_ARENA_SIZE);
	memset(map + HOST_NR_PFNS, 0xa5, HOST_EXTRA_PAGES * sizeof(struct page));
	host_page_offset = (unsigned long)arena;
	free_area_init(map, HOST_NR_PFNS);
	free_bootmem_range(HOST_RESERVED_PFNS, HOST_NR_PFNS);
}

/* extra_pages_untouched - are the descriptors past max_pfn still all 0xa5? */
static bool extra_pages_untouched(void)
{
	const unsigned char *p = (const unsigned char *)(mem_map + max_pfn);
	size_t i;

	for (i = 0; i < HOST_EXTRA_PAGES * sizeof(struct page); i++)
		if (p[i] != 0xa5)
			return false;
	return true;
}

/*
 * buddy_consistent - check the allocator's state from the outside, through mem_map alone:
 * every PG_buddy head starts an aligned block inside mem_map whose frames are unreserved,
 * unreferenced and in no other free block; per order the heads add up to nr_free_blocks(),
 * and all the frames to nr_free_pages(). Prints what is wrong and returns false.
 */
static bool buddy_consistent(void)
{
	static unsigned char in_block[HOST_NR_PFNS];
	unsigned long blocks[MAX_ORDER + 1] = { 0 }, frames = 0, pfn, i;
	unsigned int order;

	memset(in_block, 0, sizeof(in_block));
	for (pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (!PageBuddy(page))
			continue;
		order = page->order;
		if (order > MAX_ORDER || !IS_ALIGNED(pfn, 1UL << order) ||
		    pfn + (1UL << order) > max_pfn) {
			printf("# free block at pfn %lu has bad order %u\n", pfn, order);
			return false;
		}
		for (i = 0; i < (1UL << order); i++) {
			struct page *p = page + i;

			if (in_block[pfn + i] || PageReserved(p) || page_count(p) != 0 ||
			    (i > 0 && PageBuddy(p))) {
				printf("# free block at pfn %lu: frame %lu is in use or overlaps\n",
				       pfn, pfn + i);
				return false;
			}
			in_block[pfn + i] = 1;
		}
		blocks[order]++;
		frames += 1UL << order;
	}
	for (order = 0; order <= MAX_ORDER; order++) {
		if (blocks[order] != nr_free_blocks(order)) {
			printf("# order %u: %lu free blocks in mem_map, nr_free_blocks says %lu\n",
			       order, blocks[order], nr_free_blocks(order));
			return false;
		}
	}
	if (frames != nr_free_pages()) {
		printf("# %lu free frames in mem_map, nr_free_pages says %lu\n", frames, nr_free_pages());
		return false;
	}
	return extra_pages_untouched();
}

/* The page allocator calls the OOM killer when a user allocation fails (mm/oom_kill.c). On
 * the host there are no processes to kill: nothing can be freed, the allocation fails. */
struct oom_control;
bool out_of_memory(struct oom_control *oc)
{
	(void)oc;
	return false;
}

/* Reclaim (mm/vmscan.c, mm/lru.c): the host tests never set the watermarks, so the
 * allocator only calls these when a block is missing; there is nothing to reclaim. */
void wakeup_kswapd(void) {}
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order)
{
	(void)gfp;
	(void)order;
	return 0;
}
bool reclaim_throttle(void) { return false; }
unsigned long shrink_clean_file_pages(unsigned long nr)
{
	(void)nr;
	return 0;
}
bool current_may_use_reserves(void) { return false; }
bool current_is_reclaiming(void) { return false; }
void del_page_from_lru_list(struct page *page) { (void)page; }

#endif
