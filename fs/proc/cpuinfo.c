/*
 * fs/proc/cpuinfo.c - /proc/cpuinfo (Linux's arch/x86/kernel/cpu/proc.c): what CPUID says
 * about the one CPU, in Linux's layout ("name\t: value"), and bogomips from the TSC
 * calibration (Linux's delay loop runs on the TSC: lpj = tsc_khz * 1000 / HZ, bogomips =
 * lpj * HZ / 500000, that is twice the TSC's MHz).
 *
 * The flags line names a useful subset of the feature bits, in Linux's order (by CPUID word:
 * 1.EDX, 0x80000001.EDX, 1.ECX, 0x80000001.ECX, 7.EBX, 7.ECX) and with Linux's names.
 */
#include "fs/proc/internal.h"
#include "kernel/io.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

enum { W_1_EDX, W_8_EDX, W_1_ECX, W_8_ECX, W_7_EBX, W_7_ECX, NR_WORDS };

static const struct {
	unsigned char word, bit;
	const char *name;
} cpu_flags[] = {
	{ W_1_EDX, 0, "fpu" }, { W_1_EDX, 1, "vme" }, { W_1_EDX, 2, "de" }, { W_1_EDX, 3, "pse" },
	{ W_1_EDX, 4, "tsc" }, { W_1_EDX, 5, "msr" }, { W_1_EDX, 6, "pae" }, { W_1_EDX, 7, "mce" },
	{ W_1_EDX, 8, "cx8" }, { W_1_EDX, 9, "apic" }, { W_1_EDX, 11, "sep" },
	{ W_1_EDX, 12, "mtrr" }, { W_1_EDX, 13, "pge" }, { W_1_EDX, 14, "mca" },
	{ W_1_EDX, 15, "cmov" }, { W_1_EDX, 16, "pat" }, { W_1_EDX, 17, "pse36" },
	{ W_1_EDX, 19, "clflush" }, { W_1_EDX, 23, "mmx" }, { W_1_EDX, 24, "fxsr" },
	{ W_1_EDX, 25, "sse" }, { W_1_EDX, 26, "sse2" }, { W_1_EDX, 28, "ht" },
	{ W_8_EDX, 11, "syscall" }, { W_8_EDX, 20, "nx" }, { W_8_EDX, 26, "pdpe1gb" },
	{ W_8_EDX, 27, "rdtscp" }, { W_8_EDX, 29, "lm" },
	{ W_1_ECX, 0, "pni" }, { W_1_ECX, 1, "pclmulqdq" }, { W_1_ECX, 9, "ssse3" },
	{ W_1_ECX, 12, "fma" }, { W_1_ECX, 13, "cx16" }, { W_1_ECX, 19, "sse4_1" },
	{ W_1_ECX, 20, "sse4_2" }, { W_1_ECX, 21, "x2apic" }, { W_1_ECX, 22, "movbe" },
	{ W_1_ECX, 23, "popcnt" }, { W_1_ECX, 25, "aes" }, { W_1_ECX, 26, "xsave" },
	{ W_1_ECX, 28, "avx" }, { W_1_ECX, 29, "f16c" }, { W_1_ECX, 30, "rdrand" },
	{ W_1_ECX, 31, "hypervisor" },
	{ W_8_ECX, 0, "lahf_lm" }, { W_8_ECX, 5, "abm" },
	{ W_7_EBX, 0, "fsgsbase" }, { W_7_EBX, 3, "bmi1" }, { W_7_EBX, 5, "avx2" },
	{ W_7_EBX, 7, "smep" }, { W_7_EBX, 8, "bmi2" }, { W_7_EBX, 9, "erms" },
	{ W_7_EBX, 20, "smap" },
	{ W_7_ECX, 2, "umip" }, { W_7_ECX, 3, "pku" },
};

/* skip_spaces - @s past its leading blanks (Intel pads the brand string on the left). */
static const char *skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

size_t cpuinfo_show(char *buf, size_t size, struct task_struct *task)
{
	u32 words[NR_WORDS] = { 0 }, a, b, c, d, max_leaf, max_ext, vendor[4] = { 0 };
	u32 brand[13] = { 0 }, family, model, phys_bits = 36, virt_bits = 48;
	unsigned long khz = tsc_khz;
	size_t len;

	(void)task;
	cpuid(0, 0, &max_leaf, &vendor[0], &vendor[2], &vendor[1]);
	cpuid(1, 0, &a, &b, &words[W_1_ECX], &words[W_1_EDX]);
	family = (a >> 8) & 0xf;
	model = (a >> 4) & 0xf;
	if (family == 0xf)
		family += (a >> 20) & 0xff;
	if (family >= 6)
		model |= ((a >> 16) & 0xf) << 4;
	if (max_leaf >= 7)
		cpuid(7, 0, &c, &words[W_7_EBX], &words[W_7_ECX], &d);
	cpuid(0x80000000, 0, &max_ext, &b, &c, &d);
	if (max_ext >= 0x80000001)
		cpuid(0x80000001, 0, &c, &d, &words[W_8_ECX], &words[W_8_EDX]);
	if (max_ext >= 0x80000004)
		for (u32 i = 0; i < 3; i++)
			cpuid(0x80000002 + i, 0, &brand[4 * i], &brand[4 * i + 1],
			      &brand[4 * i + 2], &brand[4 * i + 3]);
	if (max_ext >= 0x80000008) {
		cpuid(0x80000008, 0, &c, &b, &d, &d);
		phys_bits = c & 0xff;
		virt_bits = (c >> 8) & 0xff;
	}

	len = (size_t)scnprintf(buf, size,
				"processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
				"model name\t: %s\nstepping\t: %u\ncpu MHz\t\t: %lu.%03lu\n"
				"physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n"
				"apicid\t\t: 0\ninitial apicid\t: 0\nfpu\t\t: yes\n"
				"fpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
				(const char *)vendor, family, model,
				brand[0] ? skip_spaces((const char *)brand) : "unknown",
				a & 0xf, khz / 1000, khz % 1000, max_leaf);
	for (size_t i = 0; i < ARRAY_SIZE(cpu_flags); i++)
		if (words[cpu_flags[i].word] & (1U << cpu_flags[i].bit))
			len += (size_t)scnprintf(buf + len, size - len, " %s", cpu_flags[i].name);
	len += (size_t)scnprintf(buf + len, size - len,
				 "\nbugs\t\t:\nbogomips\t: %lu.%02lu\nclflush size\t: 64\n"
				 "cache_alignment\t: 64\naddress sizes\t: %u bits physical, %u bits virtual\n"
				 "power management:\n\n",
				 khz / 500, (khz / 5) % 100, phys_bits, virt_bits);
	return len;
}
