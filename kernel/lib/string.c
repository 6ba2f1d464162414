/*
 * kernel/lib/string.c - the C string and memory functions, since a kernel has no libc.
 *
 * gcc may emit calls to memcpy/memset/memmove/memcmp on its own (struct copies, zeroing), and
 * at -O2 it may even turn a byte loop into such a call. A loop inside memset() that became a
 * call to memset() would recurse forever, so the bulk copies and fills use the x86 string
 * instructions (rep movsb / rep stosb), and the one remaining copy loop (memmove's backward
 * case) is marked __no_loop_patterns.
 */
#include "kernel/lib/string.h"
#include "kernel/errno.h"

/* Keep gcc from replacing this function's loops with calls to memcpy/memset/memmove. */
#define __no_loop_patterns	__attribute__((optimize("no-tree-loop-distribute-patterns")))

/*
 * memcpy - copy @n bytes from @src to @dst; the ranges must not overlap (use memmove).
 * Returns @dst.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;

	asm volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
	return ret;
}

/*
 * memmove - copy @n bytes from @src to @dst; the ranges may overlap. Returns @dst.
 *
 * When @dst is below @src a forward copy never overwrites a byte before reading it, and rep
 * movsb is architecturally a forward byte-by-byte copy, so memcpy does. Otherwise copy
 * backwards in C (not with std; rep movsb, which would leave the direction flag set under an
 * interrupt handler that expects it clear).
 */
__no_loop_patterns void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

/* memset - fill @n bytes at @s with the byte @c. Returns @s. */
void *memset(void *s, int c, size_t n)
{
	void *ret = s;

	asm volatile("rep stosb" : "+D"(s), "+c"(n) : "a"(c) : "memory");
	return ret;
}

/*
 * memcmp - compare @n bytes of @a and @b as unsigned chars.
 * Returns <0, 0 or >0 as @a sorts before, equal to or after @b.
 */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

/* memchr - the first of the @n bytes at @s equal to (unsigned char)@c, or NULL. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

/* strlen - the number of bytes in @s before its terminating NUL. */
size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

/* strnlen - like strlen, but looks at no more than @max bytes (returns @max if no NUL). */
size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* strcmp - compare two strings as unsigned chars; returns <0, 0 or >0 like memcmp. */
int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}

/* strncmp - like strcmp, but compares at most @n bytes. */
int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		unsigned char ca = *a, cb = *b;

		if (ca != cb)
			return ca - cb;
		if (!ca)
			break;
	}
	return 0;
}

/* strchr - the first (char)@c in @s, or NULL. Finds the terminator if @c is 0. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/* strrchr - the last (char)@c in @s, or NULL. Finds the terminator if @c is 0. */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/*
 * strscpy - copy the string @src into the @size-byte buffer @dst, always NUL-terminating it
 * (if @size > 0). Returns the length copied, or -E2BIG if @src was truncated (or @size is 0).
 */
ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t len;

	if (size == 0)
		return -E2BIG;
	len = strnlen(src, size);
	if (len == size) {
		len = size - 1;
		memcpy(dst, src, len);
		dst[len] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

/* digit_value - the value of the digit @c in any base up to 36, or 36 if it is not a digit. */
static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/*
 * simple_strtoul - parse the unsigned number at @s in @base, as Linux does: no leading
 * whitespace or sign, a "0x" prefix is skipped for base 16, and base 0 means "0x..." is hex,
 * "0..." octal, anything else decimal. Parsing stops at the first byte that is not a digit
 * of the base; if @endp is not NULL, *@endp points there. Overflow wraps silently.
 */
unsigned long simple_strtoul(const char *s, char **endp, unsigned int base)
{
	bool hex_prefix = s[0] == '0' && (s[1] | 0x20) == 'x' && digit_value(s[2]) < 16;
	unsigned long result = 0;
	unsigned int d;

	if (base == 0)
		base = hex_prefix ? 16 : s[0] == '0' ? 8 : 10;
	if (base == 16 && hex_prefix)
		s += 2;
	while ((d = digit_value(*s)) < base) {
		result = result * base + d;
		s++;
	}
	if (endp)
		*endp = (char *)s;
	return result;
}
