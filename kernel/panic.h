/*
 * kernel/panic.h - stopping the machine when an invariant breaks, and warnings that do not.
 */
#ifndef FAULTLINE_PANIC_H
#define FAULTLINE_PANIC_H

#include "kernel/types.h"

struct pt_regs;

/*
 * panic - print "Kernel panic - not syncing: <msg>", the registers and a symbolized backtrace,
 * then stop the machine (in test mode: exit QEMU with a failure status). Never returns.
 */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);

/* die - like panic, but for a trap: dumps @regs (the trapped context) instead of the caller's. */
__noreturn void die(const char *what, struct pt_regs *regs, unsigned long error_code);

/* dump_stack - print a symbolized backtrace of the caller (frame-pointer walk). */
void dump_stack(void);

#define BUG() panic("BUG at %s:%d (%s)", __FILE__, __LINE__, __func__)
#define BUG_ON(cond) do { if (unlikely(cond)) panic("BUG_ON(%s) at %s:%d (%s)", #cond, __FILE__, __LINE__, __func__); } while (0)

/* WARN_ON - log a warning with a backtrace if @cond holds; evaluates to @cond. */
#define WARN_ON(cond) ({ bool __c = !!(cond); if (unlikely(__c)) __warn(__FILE__, __LINE__, #cond); __c; })
void __warn(const char *file, int line, const char *cond);

/*
 * Reports a self test provokes on purpose. A "BUG: ..." or "WARNING: ..." line in the kernel
 * log fails a test boot (tools/ktest, tools/run-elf), so a self test that makes one on purpose
 * (a double free for bad_page(), a bad vfree for WARN_ON) announces it first:
 *
 *   expect_reports(n)         the next @n reports are deliberate: they are printed as
 *                             "selftest: expected report: ..." instead, and still counted
 *   expected_report()         for a reporter: consumes one announcement; true if there was one
 *   expected_reports_left()   announcements not yet consumed (a test checks this is 0)
 */
#define EXPECTED_REPORT_PREFIX	"selftest: expected report: "
void expect_reports(unsigned int n);
bool expected_report(void);
unsigned int expected_reports_left(void);

#endif
