/*
 * kernel/selftest.c - running the in-kernel self tests and reporting KTAP on the console.
 *
 * KTAP lines go straight to the serial port (not through printk) so that the harness
 * (tools/ktest) can parse them without timestamps.
 */
#include "kernel/selftest.h"
#include "drivers/tty/serial.h"
#include "kernel/lib/vsprintf.h"
#include "kernel/lib/string.h"

extern const struct ktest_case __start_ktest[], __stop_ktest[];

static void ktap_print(const char *fmt, ...) __printf(1, 2);
static void ktap_print(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	serial_write(COM1_PORT, buf, (size_t)n);
}

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failures++;
	ktap_print("    # %s: %s:%d: %s\n", t->name, file, line, msg);
}

int run_selftests(void)
{
	int n = (int)(__stop_ktest - __start_ktest), failed = 0;

	ktap_print("KTAP version 1\n1..%d\n", n);
	for (int i = 0; i < n; i++) {
		struct ktest t = { .name = __start_ktest[i].name, .failures = 0 };

		__start_ktest[i].fn(&t);
		if (t.failures)
			failed++;
		ktap_print("%s %d %s\n", t.failures ? "not ok" : "ok", i + 1, t.name);
	}
	ktap_print("# selftests: %d passed, %d failed\n", n - failed, failed);
	return failed;
}
