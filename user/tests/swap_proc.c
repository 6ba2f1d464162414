/*
 * swap_proc - /proc/swaps and /proc/meminfo show the swap devices as Linux does: the header
 * line "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority", then one line per device with its
 * path, "partition", its size in KiB (the 64 MiB disk less its header page: 65532), the KiB
 * in use and its priority (SWAP_FLAG_PREFER's, or a negative default). SwapTotal equals the
 * size, and sysinfo(2)'s totalswap (what free(1) shows); with no device on, /proc/swaps is the
 * header alone and SwapTotal 0.
 */
#include "swap_disk.h"
#include <sys/sysinfo.h>

static const char header[] = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n";

static ssize_t read_swaps(char *buf, size_t size)
{
	int fd = open("/proc/swaps", O_RDONLY);
	ssize_t n;

	ASSERT(fd >= 0, "open /proc/swaps: %s", strerror(errno));
	n = read(fd, buf, size - 1);
	close(fd);
	ASSERT(n >= 0, "read /proc/swaps: %s", strerror(errno));
	buf[n] = '\0';
	return n;
}

int main(void)
{
	char buf[4096], name[256], type[32];
	unsigned long size, used;
	int prio;

	read_swaps(buf, sizeof(buf));
	EXPECT(strcmp(buf, header) == 0, "/proc/swaps with no swap is \"%s\"", buf);
	EXPECT_EQ(meminfo_kb("SwapTotal:"), 0);

	ASSERT(swapon(SWAP_DEV, SWAP_FLAG_PREFER | 12) == 0, "swapon: %s", strerror(errno));
	atexit(swap_off_at_exit);
	read_swaps(buf, sizeof(buf));
	EXPECT(strncmp(buf, header, strlen(header)) == 0, "header: \"%s\"", buf);
	EXPECT(sscanf(buf + strlen(header), "%255s %31s %lu %lu %d", name, type, &size, &used, &prio) == 5,
	       "device line: \"%s\"", buf + strlen(header));
	EXPECT(strcmp(name, SWAP_DEV) == 0, "name %s", name);
	EXPECT(strcmp(type, "partition") == 0, "type %s", type);
	EXPECT_EQ(size, 65532);
	EXPECT_EQ(prio, 12);
	EXPECT(used < size, "used %lu", used);
	/* Linux pads the name to 40 columns with spaces, then tabs between the fields. */
	EXPECT(strncmp(buf + strlen(header), SWAP_DEV "                                ", 40) == 0 &&
	       buf[strlen(header) + 40] == 'p', "padding: \"%s\"", buf + strlen(header));
	EXPECT(strstr(buf, "partition\t65532\t\t") != NULL, "fields: \"%s\"", buf + strlen(header));
	EXPECT_EQ(meminfo_kb("SwapTotal:"), 65532);
	EXPECT(meminfo_kb("SwapFree:") <= 65532 && meminfo_kb("SwapFree:") > 60000, "SwapFree %ld",
	       meminfo_kb("SwapFree:"));
	EXPECT(meminfo_kb("SwapCached:") >= 0, "no SwapCached: line");
	/* sysinfo(2), which free(1) reads, reports the same swap. */
	{
		struct sysinfo si;

		EXPECT_EQ(sysinfo(&si), 0);
		EXPECT_EQ((long)(si.totalswap * si.mem_unit / 1024), 65532);
		EXPECT(si.freeswap <= si.totalswap && si.freeswap * si.mem_unit / 1024 > 60000,
		       "sysinfo freeswap %lu of %lu", si.freeswap, si.totalswap);
	}
	EXPECT_EQ(swapoff(SWAP_DEV), 0);

	/* A default priority is negative. */
	EXPECT_EQ(swapon(SWAP_DEV, 0), 0);
	read_swaps(buf, sizeof(buf));
	EXPECT(sscanf(buf + strlen(header), "%255s %31s %lu %lu %d", name, type, &size, &used, &prio) == 5,
	       "device line: \"%s\"", buf + strlen(header));
	EXPECT(prio < 0, "default priority %d", prio);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	read_swaps(buf, sizeof(buf));
	EXPECT(strcmp(buf, header) == 0, "/proc/swaps after swapoff is \"%s\"", buf);
	return test_done();
}
