/*
 * kernel/selftest.h - in-kernel self tests reported as KTAP on the serial console.
 *
 * A test is a function taking a struct ktest *; KTEST() defines it and registers it in the
 * .ktest section, so a test file needs no list to keep up to date. In test mode (kernel
 * command line "test") start_kernel runs them all after boot and prints:
 *
 *     KTAP version 1
 *     1..N
 *     ok 1 buddy_split_merge
 *     # buddy_split_merge: mm/tests/buddy_test.c:42: expected a == b (3 vs 4)
 *     not ok 2 ...
 *
 * The KEXPECT* macros record a failure and go on; KASSERT* also return from the test.
 */
#ifndef FAULTLINE_SELFTEST_H
#define FAULTLINE_SELFTEST_H

#include "kernel/types.h"

struct ktest {
	const char *name;
	int failures;
};

struct ktest_case {
	const char *name;
	void (*fn)(struct ktest *t);
};

#define KTEST(fn_name)								\
	static void fn_name(struct ktest *t);					\
	static const struct ktest_case __ktest_##fn_name			\
		__attribute__((section(".ktest"), used, aligned(8))) = { #fn_name, fn_name }; \
	static void fn_name(struct ktest *t)

/* ktest_fail - record a failure of @t with a formatted diagnostic (printed as a "# " line). */
void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...) __printf(4, 5);

#define KEXPECT(t, cond) do {							\
	if (!(cond))								\
		ktest_fail(t, __FILE__, __LINE__, "expected %s", #cond);	\
} while (0)
#define KEXPECT_EQ(t, a, b) do {						\
	long long __a = (long long)(a), __b = (long long)(b);			\
	if (__a != __b)								\
		ktest_fail(t, __FILE__, __LINE__, "expected %s == %s (%lld vs %lld)", #a, #b, __a, __b); \
} while (0)
#define KASSERT(t, cond) do {							\
	if (!(cond)) {								\
		ktest_fail(t, __FILE__, __LINE__, "assertion %s", #cond);	\
		return;								\
	}									\
} while (0)

/* run_selftests - run every KTEST; returns the number that failed. */
int run_selftests(void);

#endif
