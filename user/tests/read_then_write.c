/*
 * read_then_write - reading untouched anonymous memory faults once per page and reads zeros;
 * a later write to each page faults once more (a minor fault) and then holds the data.
 *
 * Seed concept: demand paging with the zero page. A read fault on an anonymous page maps the
 * one shared, read-only zero page instead of allocating (do_anonymous_page); the first write
 * then faults again (do_wp_page) and only now gets a private frame. Where /proc/self/pagemap
 * shows PFNs (Linux as root), the test also checks that every read-faulted page maps the
 * same frame, and that after the writes they are all different.
 */
#include "test.h"

#define NPAGES	64

int main(void)
{
	unsigned char *p = map_anon(NPAGES), *own;
	uint64_t zero_pfn, pfn[NPAGES];
	long before, after_read, before_write, after_write;
	int i, nonzero = 0, shared = 0, pfns_visible;
	size_t off;

	(void)minflt();

	/* Read every byte of every page: one fault per page, all zeros. */
	before = minflt();
	for (off = 0; off < NPAGES * PAGE_SIZE; off++)
		nonzero += peek(p + off) != 0;
	after_read = minflt();
	EXPECT(nonzero == 0, "%d nonzero bytes in fresh anonymous memory", nonzero);
	EXPECT_EQ(after_read - before, NPAGES);

	/* Where PFNs are visible (judged on a page of our own): all the pages read so far are
	 * present and map one and the same frame, the zero page. */
	own = map_anon(1);
	poke(own, 1);
	pfns_visible = pfn_of(own) != 0;
	zero_pfn = pfn_of(p);
	if (pfns_visible) {
		for (i = 0; i < NPAGES; i++)
			shared += pfn_of(p + i * PAGE_SIZE) == zero_pfn;
		EXPECT(zero_pfn != 0, "pagemap shows no frame for a read-faulted page");
		EXPECT(shared == NPAGES, "only %d of %d read-faulted pages share the zero page",
		       shared, NPAGES);
	} else if (on_faultline()) {
		FAIL("/proc/self/pagemap shows no PFNs on Faultline");
	} else {
		fprintf(stderr, "pagemap PFNs not visible (Linux, unprivileged); zero-page PFN "
			"checks left out\n");
	}

	/* Now write each page: one more (minor) fault per page. */
	before_write = minflt();
	for (i = 0; i < NPAGES; i++)
		poke(p + i * PAGE_SIZE + (size_t)i, (unsigned char)(i + 1));
	after_write = minflt();
	EXPECT_EQ(after_write - before_write, NPAGES);

	/* Contents: each page holds its byte, the rest is still zero. */
	nonzero = 0;
	for (i = 0; i < NPAGES; i++)
		for (off = 0; off < PAGE_SIZE; off++) {
			unsigned char want = off == (size_t)i ? (unsigned char)(i + 1) : 0;
			nonzero += peek(p + i * PAGE_SIZE + off) != want;
		}
	EXPECT(nonzero == 0, "%d bytes wrong after the writes", nonzero);
	EXPECT_EQ(minflt() - after_write, 0);

	/* Where PFNs are visible: each page now has a frame of its own, not the zero page. */
	if (pfns_visible) {
		int j, same = 0;
		for (i = 0; i < NPAGES; i++) {
			pfn[i] = pfn_of(p + i * PAGE_SIZE);
			EXPECT(pfn[i] != 0 && pfn[i] != zero_pfn, "page %d pfn %#llx after write", i,
			       (unsigned long long)pfn[i]);
		}
		for (i = 0; i < NPAGES; i++)
			for (j = i + 1; j < NPAGES; j++)
				same += pfn[i] == pfn[j];
		EXPECT(same == 0, "%d pairs of written pages share a frame", same);
	}

	munmap(own, PAGE_SIZE);
	munmap(p, NPAGES * PAGE_SIZE);
	return test_done();
}
