/*
 * run_elf_memtotal - print /proc/meminfo's MemTotal in kB, alone on a line: tools/run-user-tests
 * boots it with KERNEL_ARGS="mem=64M" and checks the kernel used no RAM above 64 MiB.
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char line[256];
	FILE *f = fopen("/proc/meminfo", "r");
	long kb = -1;

	if (!f)
		return 1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemTotal: %ld kB", &kb) == 1)
			break;
	fclose(f);
	printf("%ld\n", kb);
	return kb > 0 ? 0 : 1;
}
