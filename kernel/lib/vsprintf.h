/*
 * kernel/lib/vsprintf.h - printf-style formatting into a buffer.
 *
 * Supported: %d %i %u %x %X %o %c %s %p %% with the length modifiers l, ll, z, h, hh, the flags
 * '-', '0', '+', ' ', '#', a field width and precision (also '*'). %p prints 0x + 16 hex digits.
 * %pS prints a kernel text address as symbol+0xoff/0xsize (through kallsyms).
 */
#ifndef FAULTLINE_VSPRINTF_H
#define FAULTLINE_VSPRINTF_H

#include "kernel/types.h"

/* vsnprintf - format into @buf (at most @size bytes, always NUL-terminated if size > 0).
 * Returns the length the full output would have had, as C99 says. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
/* scnprintf - like snprintf but returns the number of characters actually written. */
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
