/*
 * kernel/lib/tests/host/lib_test.c - host unit tests for kernel/lib/string.c and vsprintf.c.
 *
 * Built and run by host.mk (make -f kernel/lib/tests/host/host.mk host-test-lib) with
 * AddressSanitizer and UBSan. The kernel's functions share their names with glibc's, so host.mk
 * compiles the kernel/lib sources with -Dmemcpy=k_memcpy and so on; this file calls the k_
 * names and keeps glibc's own functions to check against. Output is TAP-like: "ok N name" or
 * "not ok N name" followed by "# " diagnostics; the exit status is 1 if anything failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <stdint.h>

/* The kernel headers, with their functions under the k_ names host.mk compiled them as. */
#define memcpy k_memcpy
#define memmove k_memmove
#define memset k_memset
#define memcmp k_memcmp
#define memchr k_memchr
#define strlen k_strlen
#define strnlen k_strnlen
#define strcmp k_strcmp
#define strncmp k_strncmp
#define strchr k_strchr
#define strrchr k_strrchr
#define strscpy k_strscpy
#define simple_strtoul k_simple_strtoul
#define vsnprintf k_vsnprintf
#define snprintf k_snprintf
#define scnprintf k_scnprintf
#define vscnprintf k_vscnprintf
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/kallsyms.h"
#include "kernel/errno.h"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef memchr
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strrchr
#undef strscpy
#undef simple_strtoul
#undef vsnprintf
#undef snprintf
#undef scnprintf
#undef vscnprintf

static int tests_run, tests_failed;

/* NULL, read through volatile so gcc cannot see it is NULL and refuse "%s" of it. */
static const char *volatile null_string;

/* report - print the TAP line for one test case; returns @pass. */
static bool report(bool pass, const char *name)
{
	tests_run++;
	if (!pass)
		tests_failed++;
	printf("%sok %d %s\n", pass ? "" : "not ", tests_run, name);
	return pass;
}

/* CHECK - one test case whose result is the expression @cond. */
#define CHECK(name, cond)						\
	do {								\
		if (!report((cond), (name)))				\
			printf("#   failed: %s (line %d)\n", #cond, __LINE__); \
	} while (0)

/* The fake symbol table behind kallsyms_lookup() for the %pS tests. */
static const struct { const char *name; unsigned long start, size; } fake_syms[] = {
	{ "start_kernel",  0xffffffff80100000UL, 0x120 },
	{ "handle_mm_fault", 0xffffffff80100120UL, 0x3a8 },
};

/* kallsyms_lookup - the test's stand-in for the kernel's symbol table (see kernel/kallsyms.h). */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	for (size_t i = 0; i < sizeof(fake_syms) / sizeof(fake_syms[0]); i++) {
		if (addr - fake_syms[i].start < fake_syms[i].size) {
			*offset = addr - fake_syms[i].start;
			*size = fake_syms[i].size;
			return fake_syms[i].name;
		}
	}
	return NULL;
}

/*
 * check_vformat - format @fmt with the kernel's vsnprintf and compare with @expect, or with
 * glibc's vsnprintf if @expect is NULL. Then format again into exactly-sized heap buffers of
 * every size from 0 to the full length + 1 (so ASan catches any overrun) and check the
 * truncated text, the NUL, vsnprintf's return value (always the full length) and
 * vscnprintf's (the length stored).
 */
static void check_vformat(const char *expect, const char *fmt, va_list args)
{
	char name[128], got[256], want[256];
	bool pass = true;
	va_list ap;
	int len;

	snprintf(name, sizeof(name), "vsnprintf \"%s\"", fmt);
	for (char *p = name; *p; p++)	/* keep the TAP line printable */
		if (*p < ' ')
			*p = '?';
	if (!expect) {
		va_copy(ap, args);
		vsnprintf(want, sizeof(want), fmt, ap);
		va_end(ap);
		expect = want;
	}
	va_copy(ap, args);
	len = k_vsnprintf(got, sizeof(got), fmt, ap);
	va_end(ap);
	if (len != (int)strlen(expect) || strcmp(got, expect) != 0) {
		report(false, name);
		printf("#   got \"%s\" (%d), expected \"%s\" (%zu)\n", got, len, expect, strlen(expect));
		return;
	}

	for (size_t size = 0; size <= (size_t)len + 1 && pass; size++) {
		char *buf = malloc(size ? size : 1);
		size_t stored = size ? min((size_t)len, size - 1) : 0;
		int ret, sret;

		va_copy(ap, args);
		ret = k_vsnprintf(size ? buf : NULL, size, fmt, ap);
		va_end(ap);
		va_copy(ap, args);
		sret = k_vscnprintf(buf, size, fmt, ap);
		va_end(ap);
		pass = ret == len && sret == (int)stored &&
		       (size == 0 || (memcmp(buf, expect, stored) == 0 && buf[stored] == '\0'));
		if (!pass)
			printf("#   size %zu: returned %d and %d, expected %d and %zu\n",
			       size, ret, sret, len, stored);
		free(buf);
	}
	report(pass, name);
}

/* check_format - check_vformat with the arguments inline. */
static void __attribute__((format(printf, 2, 3)))
check_format(const char *expect, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	check_vformat(expect, fmt, args);
	va_end(args);
}

/* test_vsprintf - the formatting cases: NULL expectations mean "as glibc prints it". */
static void test_vsprintf(void)
{
	char buf[32];

	check_format("plain text", "plain text");
	check_format("100%", "100%%");
	check_format(NULL, "%d %d %d", 0, 42, -42);
	check_format(NULL, "%d %d", INT_MAX, INT_MIN);
	check_format(NULL, "%i|%u|%u", -7, 7u, UINT_MAX);
	check_format(NULL, "%x %X %o", 0xdeadbeefu, 0xdeadbeefu, 0755u);
	check_format(NULL, "%ld %lu %lx", LONG_MIN, ULONG_MAX, 0xffffffff80000000UL);
	check_format(NULL, "%lld %llu %llx", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL);
	check_format(NULL, "%zu %zd %zx", (size_t)4096, (ssize_t)-1, SIZE_MAX);
	check_format(NULL, "%hd %hu %hx", (short)-2, (unsigned short)65535, 0x12345);
	check_format(NULL, "%hhd %hhu %hhx %hhd", (signed char)-1, (unsigned char)255, 0x1ff, 200);
	check_format(NULL, "%lo %#lo %#lX", ULONG_MAX, ULONG_MAX, ULONG_MAX);
	check_format(NULL, "[%5d] [%-5d] [%05d]", 42, 42, 42);
	check_format(NULL, "[%5d] [%-5d] [%05d]", -42, -42, -42);
	check_format(NULL, "[%+d] [%+d] [% d] [% d]", 5, -5, 5, -5);
	check_format(NULL, "[%+05d] [% 05d] [%-+5d]", 5, 5, 5);
	check_format(NULL, "[%.3d] [%.3d] [%8.3d] [%-8.3d]", 7, -7, 7, 7);
	check_format(NULL, "[%.0d] [%.0x] [%5.0d] [%.0u]", 0, 0u, 0, 0u);
	check_format(NULL, "[%#x] [%#X] [%#o] [%#x] [%#o]", 255u, 255u, 8u, 0u, 0u);
	check_format(NULL, "[%#010x] [%#-10x] [%#10x] [%#.5x]", 255u, 255u, 255u, 255u);
	check_format(NULL, "[%#.0o] [%#.3o] [%#5o] [%#o]", 0u, 8u, 8u, 01234u);
	check_format(NULL, "[%*d] [%-*d] [%*d]", 6, 1, 6, 2, -6, 3);
	check_format(NULL, "[%.*d] [%.*d] [%*.*d]", 4, 9, -1, 9, 6, 3, 9);
	check_format(NULL, "[%c%c%c] [%3c] [%-3c]", 'a', 'b', 'c', 'x', 'y');
	check_format(NULL, "[%s] [%8s] [%-8s] [%.3s] [%8.2s]", "abc", "abc", "abc", "abcdef", "abcdef");
	check_format(NULL, "[%.*s] [%*s]", 2, "xyz", 4, "xy");
	check_format(NULL, "[%s]", "");
	check_format("0x0000000000000000 0xffffffff80100000", "%p %p", (void *)0,
		     (void *)0xffffffff80100000UL);
	check_format("[  0x00000000000000ff] [0x00000000000000ff  ]", "[%20p] [%-20p]",
		     (void *)0xff, (void *)0xff);
	check_format("start_kernel+0x0/0x120", "%pS", (void *)0xffffffff80100000UL);
	check_format("[handle_mm_fault+0x3a7/0x3a8]", "[%pS]", (void *)0xffffffff801004c7UL);
	check_format("0x0000000000001234 0xffffffff801004c8", "%pS %pS", (void *)0x1234,
		     (void *)0xffffffff801004c8UL);
	check_format("\001" "3oops: -14", "\001" "3%s: %d", "oops", -14);

	/*
	 * Formats gcc's format checking warns about, passed as variables: flags C says are
	 * ignored, and invalid formats the kernel must survive.
	 */
	const char *ignored_flags = "[%+ d] [%08.3d] [%-05d]", *null_s = "[%s] [%8s] [%.3s]";
	const char *lone = "ab%", *unknown = "%y%d";

	check_format(NULL, ignored_flags, 5, 7, 7);
	check_format("[(null)] [  (null)] [(nu]", null_s, null_string, null_string, null_string);
	CHECK("vsnprintf lone %", k_snprintf(buf, sizeof(buf), lone) == 2 && !strcmp(buf, "ab"));
	CHECK("vsnprintf unknown %y",
	      k_snprintf(buf, sizeof(buf), unknown, 5) == 3 && !strcmp(buf, "%y5"));
	CHECK("vsnprintf %c of NUL", k_snprintf(buf, sizeof(buf), "a%cb", 0) == 3 &&
	      !memcmp(buf, "a\0b", 4));
	CHECK("snprintf size 0 writes nothing",
	      (buf[0] = 'Z', k_snprintf(buf, 0, "%d", 123456) == 6 && buf[0] == 'Z'));
	CHECK("scnprintf truncated", k_scnprintf(buf, 4, "%s", "abcdef") == 3 && !strcmp(buf, "abc"));
	CHECK("scnprintf size 0", k_scnprintf(NULL, 0, "%s", "abcdef") == 0);
}

/* test_string - the memory and string functions, against glibc where that is meaningful. */
static void test_string(void)
{
	char a[64], b[64], *end;
	int i;

	for (i = 0; i < 64; i++)
		a[i] = (char)(i * 7 + 1);
	memset(b, 0, sizeof(b));
	CHECK("memcpy returns dst and copies", k_memcpy(b, a, 40) == b && !memcmp(a, b, 40) && !b[40]);
	CHECK("memcpy 0 bytes", k_memcpy(b, a, 0) == b);
	CHECK("memset fills low byte of c", k_memset(b, 0x1ab, 10) == b && b[0] == (char)0xab &&
	      b[9] == (char)0xab && b[10] == a[10]);

	memcpy(b, a, 64);
	k_memmove(a + 8, a, 40);	/* overlapping, dst above src: must copy backwards */
	memmove(b + 8, b, 40);
	CHECK("memmove overlap up", !memcmp(a, b, 64));
	k_memmove(a, a + 5, 50);	/* overlapping, dst below src */
	memmove(b, b + 5, 50);
	CHECK("memmove overlap down", !memcmp(a, b, 64));
	CHECK("memmove same buffer", k_memmove(a, a, 64) == a && !memcmp(a, b, 64));

	CHECK("memcmp equal", k_memcmp("abc", "abc", 3) == 0 && k_memcmp("abc", "abd", 0) == 0);
	CHECK("memcmp unsigned order", k_memcmp("\x80", "\x01", 1) > 0 &&
	      k_memcmp("a\x01", "a\x80", 2) < 0);
	const char *hello = "hello", *high = "a\xff";
	CHECK("memchr", k_memchr(hello, 'l', 5) == hello + 2 && k_memchr(hello, 'o', 4) == NULL);
	CHECK("memchr high byte", k_memchr(high, 0x1ff, 2) == high + 1);

	CHECK("strlen", k_strlen("") == 0 && k_strlen("faultline") == 9);
	CHECK("strnlen", k_strnlen("faultline", 4) == 4 && k_strnlen("abc", 10) == 3 &&
	      k_strnlen("abc", 0) == 0);
	CHECK("strcmp", k_strcmp("abc", "abc") == 0 && k_strcmp("abc", "abd") < 0 &&
	      k_strcmp("abcd", "abc") > 0 && k_strcmp("", "a") < 0 && k_strcmp("\xe9", "e") > 0);
	CHECK("strncmp", k_strncmp("abcx", "abcy", 3) == 0 && k_strncmp("abcx", "abcy", 4) < 0 &&
	      k_strncmp("ab", "ab", 100) == 0 && k_strncmp("a", "b", 0) == 0);

	const char *path = "/bin/sh/x";
	CHECK("strchr", k_strchr(path, '/') == path && k_strchr(path, 's') == path + 5 &&
	      k_strchr(path, 'q') == NULL && k_strchr(path, '\0') == path + 9);
	CHECK("strrchr", k_strrchr(path, '/') == path + 7 && k_strrchr(path, 'q') == NULL &&
	      k_strrchr(path, '\0') == path + 9);

	char small[4];
	CHECK("strscpy fits", k_strscpy(small, "abc", sizeof(small)) == 3 && !strcmp(small, "abc"));
	CHECK("strscpy truncates", k_strscpy(small, "abcd", sizeof(small)) == -E2BIG &&
	      !strcmp(small, "abc"));
	CHECK("strscpy empty", k_strscpy(small, "", sizeof(small)) == 0 && small[0] == '\0');
	CHECK("strscpy size 0", k_strscpy(small, "abc", 0) == -E2BIG);

	CHECK("simple_strtoul decimal", k_simple_strtoul("1234xyz", &end, 10) == 1234 &&
	      !strcmp(end, "xyz"));
	CHECK("simple_strtoul base 0", k_simple_strtoul("0x1fG", &end, 0) == 0x1f && *end == 'G' &&
	      k_simple_strtoul("0755", NULL, 0) == 0755 && k_simple_strtoul("99", NULL, 0) == 99);
	CHECK("simple_strtoul base 16", k_simple_strtoul("0XfFfF", NULL, 16) == 0xffff &&
	      k_simple_strtoul("ffffffff80000000", NULL, 16) == 0xffffffff80000000UL);
	CHECK("simple_strtoul 0x without digits", k_simple_strtoul("0xg", &end, 0) == 0 &&
	      !strcmp(end, "xg"));
	CHECK("simple_strtoul no digits", k_simple_strtoul("-1", &end, 10) == 0 && *end == '-');
	CHECK("simple_strtoul max", k_simple_strtoul("18446744073709551615", NULL, 10) == ULONG_MAX);
}

int main(void)
{
	test_string();
	test_vsprintf();
	printf("# %d tests, %d failed\n", tests_run, tests_failed);
	return tests_failed ? 1 : 0;
}
