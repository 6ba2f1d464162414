/*
 * mprotect_split - making the middle page of a 3-page mapping read-only: writing it raises
 * SIGSEGV, reading it still works, and its neighbours stay writable. /proc/self/maps shows
 * the region as three lines, the middle one "r--p".
 *
 * Seed concept: VMA permissions are translated into PTE bits. mprotect() of an inner range
 * splits the vm_area_struct into three (rw-, r--, rw-) and write-protects the PTEs of the
 * middle one; a write fault there finds a VMA without VM_WRITE and is a segmentation fault.
 */
#include "test.h"

#define NPAGES	3
#define MIDDLE	1

static void write_page(void *p)
{
	poke(p, 1);
}

int main(void)
{
	unsigned char *p = map_anon(NPAGES);
	unsigned long start = (unsigned long)p, end = start + NPAGES * PAGE_SIZE;
	unsigned char *mid = p + MIDDLE * PAGE_SIZE;
	struct maps_line ml[4];
	int i, n;

	for (i = 0; i < NPAGES; i++)
		memset(p + i * PAGE_SIZE, 0x20 + i, PAGE_SIZE);

	ASSERT(mprotect(mid, PAGE_SIZE, PROT_READ) == 0, "mprotect: %s", strerror(errno));

	/* Writing the read-only page kills; reading it sees the data written before. */
	expect_signal(write_page, mid, SIGSEGV);
	expect_signal(write_page, mid + PAGE_SIZE - 1, SIGSEGV);
	EXPECT(peek(mid) == 0x20 + MIDDLE && peek(mid + PAGE_SIZE - 1) == 0x20 + MIDDLE,
	       "read-only page reads %#x", peek(mid));

	/* The neighbours are still writable, right up to the boundary. */
	poke(mid - 1, 0xaa);
	poke(mid + PAGE_SIZE, 0xbb);
	EXPECT(peek(mid - 1) == 0xaa && peek(mid + PAGE_SIZE) == 0xbb, "neighbours not writable");
	EXPECT(peek(mid) == 0x20 + MIDDLE, "read-only page changed");

	/* /proc/self/maps: three lines touch the region; the middle one is exactly the
	 * read-only page. (The outer lines may reach beyond the region if the kernel merged
	 * them with neighbouring anonymous mappings.) */
	n = maps_lines_in(start, end, ml, 4);
	ASSERT(n >= 0, "cannot read /proc/self/maps");
	for (i = 0; i < n && i < 4; i++)
		fprintf(stderr, "maps: %s\n", ml[i].text);
	EXPECT(n == 3, "%d lines of /proc/self/maps in the region, expected 3", n);
	if (n == 3) {
		EXPECT(ml[1].start == (unsigned long)mid && ml[1].end == (unsigned long)mid + PAGE_SIZE,
		       "middle line is %lx-%lx, expected %lx-%lx", ml[1].start, ml[1].end,
		       (unsigned long)mid, (unsigned long)mid + PAGE_SIZE);
		EXPECT(strcmp(ml[1].perms, "r--p") == 0, "middle perms %s", ml[1].perms);
		EXPECT(strncmp(ml[0].perms, "rw-", 3) == 0 && strncmp(ml[2].perms, "rw-", 3) == 0,
		       "outer perms %s %s", ml[0].perms, ml[2].perms);
	}

	/* Making it writable again lets writes through. */
	ASSERT(mprotect(mid, PAGE_SIZE, PROT_READ | PROT_WRITE) == 0, "mprotect: %s",
	       strerror(errno));
	poke(mid, 0xcc);
	EXPECT(peek(mid) == 0xcc, "page not writable after mprotect(RW)");

	munmap(p, NPAGES * PAGE_SIZE);
	return test_done();
}
