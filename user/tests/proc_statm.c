/*
 * proc_statm - /proc/self/statm has 7 fields (size resident shared text lib data dt, pages)
 * and agrees with /proc/self/status: size = VmSize, resident = VmRSS; touching 64 new pages
 * makes resident grow by at least 64 and size by the mapping.
 */
#include "test.h"

struct statm {
	unsigned long size, resident, shared, text, lib, data, dt;
};

static char buf[8192];

static void read_statm(struct statm *s)
{
	int fd = open("/proc/self/statm", O_RDONLY), n;
	ssize_t len;

	ASSERT(fd >= 0, "/proc/self/statm: %s", strerror(errno));
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	ASSERT(len > 0, "read statm");
	buf[len] = '\0';
	n = sscanf(buf, "%lu %lu %lu %lu %lu %lu %lu", &s->size, &s->resident, &s->shared,
		   &s->text, &s->lib, &s->data, &s->dt);
	EXPECT(n == 7, "statm '%s': %d fields", buf, n);
}

/* status_kb - the kB value of line @name in /proc/self/status. */
static long status_kb(const char *name)
{
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t len;
	char *p;

	ASSERT(fd >= 0, "/proc/self/status: %s", strerror(errno));
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	ASSERT(len > 0, "read status");
	buf[len] = '\0';
	p = strstr(buf, name);
	ASSERT(p, "no %s in status", name);
	return atol(p + strlen(name) + 1);
}

int main(void)
{
	struct statm a, b;
	long vmsize, vmrss;
	unsigned char *p;
	int ok = 0;

	/* Read both until they agree (memory use may change between the two reads). */
	for (int tries = 0; tries < 5 && !ok; tries++) {
		read_statm(&a);
		vmsize = status_kb("VmSize:");
		vmrss = status_kb("VmRSS:");
		read_statm(&b);
		ok = a.size == b.size && a.resident == b.resident;
	}
	EXPECT_EQ(a.size * 4, vmsize);
	EXPECT_EQ(a.resident * 4, vmrss);
	EXPECT(a.text > 0 && a.data > 0, "text %lu data %lu", a.text, a.data);
	EXPECT(a.shared <= a.resident && a.resident <= a.size, "shared %lu resident %lu size %lu",
	       a.shared, a.resident, a.size);
	EXPECT_EQ(a.lib, 0);
	EXPECT_EQ(a.dt, 0);

	p = map_anon(64);
	for (int i = 0; i < 64; i++)
		poke(p + i * PAGE_SIZE, 1);
	read_statm(&b);
	EXPECT(b.size >= a.size + 64, "size %lu -> %lu after mapping 64 pages", a.size, b.size);
	EXPECT(b.resident >= a.resident + 64, "resident %lu -> %lu after touching 64 pages",
	       a.resident, b.resident);
	EXPECT(b.data >= a.data + 64, "data %lu -> %lu", a.data, b.data);
	munmap(p, 64 * PAGE_SIZE);
	return test_done();
}
