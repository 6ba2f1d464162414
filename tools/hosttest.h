/*
 * tools/hosttest.h - a tiny unit-test framework for host builds of kernel code (TAP output).
 *
 * Host tests compile a kernel source file with the host compiler (-DFAULTLINE_HOST_TEST,
 * AddressSanitizer, UBSan) and drive it from an ordinary main(). Usage, in one .c file:
 *
 *     #include "tools/hosttest.h"
 *
 *     HT_TEST(adds_up)
 *     {
 *             HT_EXPECT_EQ(1 + 1, 2);
 *             HT_ASSERT(ptr != NULL);        // stops this test on failure
 *     }
 *
 *     int main(void) { setup(); return ht_run_all(); }
 *
 * Output, as the in-kernel KTAP runner prints it:
 *
 *     1..2
 *     ok 1 adds_up
 *     # slab_test.c:40: expected p != q
 *     not ok 2 ...
 *
 * Tests run in the order they appear in the file. ht_run_all() returns 1 if any test failed
 * (return it from main, so make sees the failure). Everything here is static: include this
 * header in exactly one file of each test program.
 */
#ifndef FAULTLINE_HOSTTEST_H
#define FAULTLINE_HOSTTEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct ht_case {
	const char *name;
	void (*fn)(void);
	int line;		/* tests run in source order */
};

#define HT_MAX_TESTS 256

static struct ht_case ht_cases[HT_MAX_TESTS];
static int ht_nr_cases;
static int ht_current_failures;

/* ht_before_each - if set (in main, before ht_run_all), called before every test. */
static void (*ht_before_each)(void);

/* ht_register - add a test; called by HT_TEST's constructor before main(). */
static void ht_register(const char *name, void (*fn)(void), int line)
{
	if (ht_nr_cases == HT_MAX_TESTS) {
		fprintf(stderr, "hosttest: more than %d tests\n", HT_MAX_TESTS);
		exit(2);
	}
	ht_cases[ht_nr_cases++] = (struct ht_case){ name, fn, line };
}

/* HT_TEST - define a test function and register it to run from ht_run_all(). */
#define HT_TEST(name)								\
	static void name(void);							\
	__attribute__((constructor)) static void ht_register_##name(void)	\
	{									\
		ht_register(#name, name, __LINE__);				\
	}									\
	static void name(void)

/* ht_fail - record a failure of the running test and print the "# " diagnostic. */
__attribute__((format(printf, 3, 4)))
static void ht_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	ht_current_failures++;
	printf("# %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* HT_EXPECT* record a failure and carry on; HT_ASSERT also returns from the test. */
#define HT_EXPECT(cond) do {							\
	if (!(cond))								\
		ht_fail(__FILE__, __LINE__, "expected %s", #cond);		\
} while (0)
#define HT_EXPECT_EQ(a, b) do {							\
	long long __a = (long long)(a), __b = (long long)(b);			\
	if (__a != __b)								\
		ht_fail(__FILE__, __LINE__, "expected %s == %s (%lld vs %lld)",	\
			#a, #b, __a, __b);					\
} while (0)
#define HT_ASSERT(cond) do {							\
	if (!(cond)) {								\
		ht_fail(__FILE__, __LINE__, "assertion %s", #cond);		\
		return;								\
	}									\
} while (0)

/* ht_run_all - run every registered test in source order; returns 0 if all passed, else 1. */
static int ht_run_all(void)
{
	int i, j, failed = 0;

	for (i = 1; i < ht_nr_cases; i++)	/* insertion sort by line */
		for (j = i; j > 0 && ht_cases[j - 1].line > ht_cases[j].line; j--) {
			struct ht_case tmp = ht_cases[j];

			ht_cases[j] = ht_cases[j - 1];
			ht_cases[j - 1] = tmp;
		}
	printf("1..%d\n", ht_nr_cases);
	for (i = 0; i < ht_nr_cases; i++) {
		ht_current_failures = 0;
		if (ht_before_each)
			ht_before_each();
		ht_cases[i].fn();
		printf("%sok %d %s\n", ht_current_failures ? "not " : "", i + 1, ht_cases[i].name);
		fflush(stdout);
		if (ht_current_failures)
			failed++;
	}
	printf("# %d of %d tests passed\n", ht_nr_cases - failed, ht_nr_cases);
	return failed ? 1 : 0;
}

#endif
