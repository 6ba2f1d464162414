/*
 * kernel/tests/crash_test.h - deliberate faults for testing the oops/panic paths.
 */
#ifndef FAULTLINE_CRASH_TEST_H
#define FAULTLINE_CRASH_TEST_H

/* run_crash_test - fault in the way @kind names: "null", "guard", "ud2", "stack", "panic".
 * Returns only if the kind is unknown. */
void run_crash_test(const char *kind);

#endif
