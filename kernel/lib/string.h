/*
 * kernel/lib/string.h - the C string and memory functions the kernel needs (no libc here).
 * gcc may also emit calls to memcpy/memset/memmove/memcmp itself, so these must exist.
 */
#ifndef FAULTLINE_STRING_H
#define FAULTLINE_STRING_H

#include "kernel/types.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/* strscpy - copy at most @size-1 bytes and always NUL-terminate; returns the length copied,
 * or -E2BIG if @src did not fit (Linux's contract). */
ssize_t strscpy(char *dst, const char *src, size_t size);
/* simple_strtoul - parse an unsigned number in @base (0: auto 0x/0 prefix); *@endp gets the end. */
unsigned long simple_strtoul(const char *s, char **endp, unsigned int base);

#endif
