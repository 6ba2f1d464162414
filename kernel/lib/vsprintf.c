/*
 * kernel/lib/vsprintf.c - printf-style formatting into a buffer, after Linux's lib/vsprintf.c.
 *
 * A conversion is read in two steps: format_decode() parses the flags, width, precision and
 * length modifier into a struct printf_spec, then one small routine per kind of argument
 * (number, string, pointer) writes it. Output goes through struct printf_out, which counts
 * every character but stores only those that fit, so vsnprintf can return the full length
 * C99 asks for while never writing past @size.
 *
 * Not supported: floating point (the kernel is built -mgeneral-regs-only), %n, the j/t/L
 * modifiers and the other Linux %p extensions.
 */
#include "kernel/lib/vsprintf.h"
#include "kernel/lib/string.h"
#include "kernel/kallsyms.h"

/* printf_spec.flags */
#define ZEROPAD	(1 << 0)	/* '0': pad with zeros */
#define SIGN	(1 << 1)	/* signed conversion (%d, %i) */
#define PLUS	(1 << 2)	/* '+': show a plus sign on non-negative numbers */
#define SPACE	(1 << 3)	/* ' ': a space where the plus sign would be */
#define LEFT	(1 << 4)	/* '-': left-justify in the field */
#define SMALL	(1 << 5)	/* lower-case hex digits and "0x" */
#define SPECIAL	(1 << 6)	/* '#': "0x" for hex, a leading 0 for octal */
#define POINTER	(1 << 7)	/* %p: the "0x" prefix even when the value is 0 */

/* struct printf_spec - one parsed conversion: "%[flags][width][.precision][length]conv". */
struct printf_spec {
	unsigned int flags;
	int field_width;	/* minimum characters to print, -1 if not given */
	int precision;		/* minimum digits / maximum string bytes, -1 if not given */
	char qualifier;		/* 'H' (hh), 'h', 'l', 'L' (ll), 'z', or 0 for none */
	unsigned int base;	/* 8, 10 or 16 for numbers */
};

/* struct printf_out - the destination buffer and how many characters were produced so far. */
struct printf_out {
	char *buf;
	size_t size;		/* bytes available at @buf, including room for the NUL */
	size_t len;		/* characters produced, stored or not */
};

/* put_char - append @c to @out if it fits (leaving room for the NUL), and count it anyway. */
static void put_char(struct printf_out *out, char c)
{
	if (out->len + 1 < out->size)
		out->buf[out->len] = c;
	out->len++;
}

/* pad - append @n copies of @c (nothing if @n <= 0). */
static void pad(struct printf_out *out, char c, int n)
{
	while (n-- > 0)
		put_char(out, c);
}

/*
 * number - format @num as the integer conversion @spec describes. For a SIGN conversion @num
 * holds the value sign-extended to 64 bits. Follows C's rules: the precision is the minimum
 * number of digits (and turns off '0'), a zero with precision 0 prints no digits, '#' adds
 * "0x" to non-zero hex and makes octal start with 0.
 */
static void number(struct printf_out *out, unsigned long long num, struct printf_spec spec)
{
	const char *digits = (spec.flags & SMALL) ? "0123456789abcdef" : "0123456789ABCDEF";
	char tmp[24];		/* 64 bits in octal is 22 digits */
	int ndigits = 0, width;
	char sign = 0;
	bool prefix;

	if (spec.flags & SIGN) {
		if ((long long)num < 0) {
			sign = '-';
			num = -num;	/* unsigned negation: correct even for LLONG_MIN */
		} else if (spec.flags & PLUS) {
			sign = '+';
		} else if (spec.flags & SPACE) {
			sign = ' ';
		}
	}
	prefix = spec.base == 16 && (spec.flags & SPECIAL) && (num || (spec.flags & POINTER));

	while (num) {
		tmp[ndigits++] = digits[num % spec.base];
		num /= spec.base;
	}
	if (spec.precision >= 0 || (spec.flags & LEFT))
		spec.flags &= ~ZEROPAD;
	if (spec.precision < 0)
		spec.precision = 1;
	if (spec.precision < ndigits)
		spec.precision = ndigits;
	if (spec.base == 8 && (spec.flags & SPECIAL) && spec.precision == ndigits)
		spec.precision++;	/* room for the leading 0 */

	width = spec.field_width - spec.precision - (sign ? 1 : 0) - (prefix ? 2 : 0);
	if (!(spec.flags & (LEFT | ZEROPAD)))
		pad(out, ' ', width);
	if (sign)
		put_char(out, sign);
	if (prefix) {
		put_char(out, '0');
		put_char(out, (spec.flags & SMALL) ? 'x' : 'X');
	}
	if (spec.flags & ZEROPAD)
		pad(out, '0', width);
	pad(out, '0', spec.precision - ndigits);
	while (ndigits)
		put_char(out, tmp[--ndigits]);
	if (spec.flags & LEFT)
		pad(out, ' ', width);
}

/* string - format the string @s (NULL prints "(null)"), at most precision bytes of it. */
static void string(struct printf_out *out, const char *s, struct printf_spec spec)
{
	size_t len;
	int width;

	if (!s)
		s = "(null)";
	len = strnlen(s, spec.precision < 0 ? (size_t)-1 : (size_t)spec.precision);
	width = spec.field_width - (int)len;
	if (!(spec.flags & LEFT))
		pad(out, ' ', width);
	while (len--)
		put_char(out, *s++);
	if (spec.flags & LEFT)
		pad(out, ' ', width);
}

/* character - format the single byte @c (%c), which may be a NUL. */
static void character(struct printf_out *out, char c, struct printf_spec spec)
{
	if (!(spec.flags & LEFT))
		pad(out, ' ', spec.field_width - 1);
	put_char(out, c);
	if (spec.flags & LEFT)
		pad(out, ' ', spec.field_width - 1);
}

/* pointer - format @addr as %p does: "0x" and 16 hex digits, padded to the field width. */
static void pointer(struct printf_out *out, unsigned long addr, struct printf_spec spec)
{
	spec.flags |= SPECIAL | SMALL | POINTER;
	spec.base = 16;
	spec.precision = 2 * sizeof(addr);
	number(out, addr, spec);
}

/*
 * symbol_string - format @addr as %pS does: "name+0xoff/0xsize" if kallsyms knows the
 * function containing it, else as a plain %p. Field width and precision are ignored.
 */
static void symbol_string(struct printf_out *out, unsigned long addr)
{
	struct printf_spec hex = { .flags = SMALL, .field_width = -1, .precision = -1, .base = 16 };
	struct printf_spec plain = { .field_width = -1, .precision = -1 };
	unsigned long offset, size;
	const char *name = kallsyms_lookup(addr, &offset, &size);

	if (!name) {
		pointer(out, addr, plain);
		return;
	}
	string(out, name, plain);
	string(out, "+0x", plain);
	number(out, offset, hex);
	string(out, "/0x", plain);
	number(out, size, hex);
}

/* skip_atoi - parse the decimal number at *@s, advancing *@s past it. */
static int skip_atoi(const char **s)
{
	int n = 0;

	while (**s >= '0' && **s <= '9')
		n = n * 10 + *(*s)++ - '0';
	return n;
}

/*
 * format_decode - parse the flags, width, precision and length modifier of the conversion
 * that starts at @fmt (just past the '%') into @spec, taking '*' arguments from @ap.
 * Returns a pointer to the conversion character.
 */
static const char *format_decode(const char *fmt, struct printf_spec *spec, va_list *ap)
{
	*spec = (struct printf_spec){ .field_width = -1, .precision = -1, .base = 10 };

	for (;; fmt++) {
		switch (*fmt) {
		case '-': spec->flags |= LEFT; continue;
		case '+': spec->flags |= PLUS; continue;
		case ' ': spec->flags |= SPACE; continue;
		case '#': spec->flags |= SPECIAL; continue;
		case '0': spec->flags |= ZEROPAD; continue;
		}
		break;
	}

	if (*fmt == '*') {
		fmt++;
		spec->field_width = va_arg(*ap, int);
		if (spec->field_width < 0) {	/* C: a negative width is '-' and a width */
			spec->flags |= LEFT;
			spec->field_width = -spec->field_width;
		}
	} else if (*fmt >= '0' && *fmt <= '9') {
		spec->field_width = skip_atoi(&fmt);
	}

	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			fmt++;
			spec->precision = va_arg(*ap, int);
			if (spec->precision < 0)	/* C: a negative precision is none at all */
				spec->precision = -1;
		} else {
			spec->precision = skip_atoi(&fmt);
		}
	}

	if (*fmt == 'h' || *fmt == 'l' || *fmt == 'z') {
		spec->qualifier = *fmt++;
		if (*fmt == spec->qualifier && *fmt != 'z') {	/* hh or ll */
			spec->qualifier = *fmt == 'h' ? 'H' : 'L';
			fmt++;
		}
	}
	return fmt;
}

/*
 * get_number - fetch an integer argument of the size @spec's length modifier says, widened
 * to 64 bits: sign-extended for a SIGN conversion, zero-extended otherwise.
 */
static unsigned long long get_number(const struct printf_spec *spec, va_list *ap)
{
	if (spec->flags & SIGN) {
		switch (spec->qualifier) {
		case 'H': return (signed char)va_arg(*ap, int);
		case 'h': return (short)va_arg(*ap, int);
		case 'l': return va_arg(*ap, long);
		case 'L': return va_arg(*ap, long long);
		case 'z': return va_arg(*ap, ssize_t);
		default:  return va_arg(*ap, int);
		}
	}
	switch (spec->qualifier) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 'l': return va_arg(*ap, unsigned long);
	case 'L': return va_arg(*ap, unsigned long long);
	case 'z': return va_arg(*ap, size_t);
	default:  return va_arg(*ap, unsigned int);
	}
}

/*
 * vsnprintf - format @fmt with the arguments @args into @buf, storing at most @size bytes and
 * always NUL-terminating if @size > 0 (@buf may be NULL when @size is 0).
 * Returns the length the whole output would have had, not counting the NUL, as C99 says;
 * the output was truncated if that is >= @size.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct printf_out out = { .buf = buf, .size = size, .len = 0 };
	struct printf_spec spec;
	va_list ap;

	va_copy(ap, args);	/* a va_list we can pass to helpers by pointer */
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put_char(&out, *fmt);
			continue;
		}
		fmt = format_decode(fmt + 1, &spec, &ap);

		switch (*fmt) {
		case 'c':
			character(&out, (char)va_arg(ap, int), spec);
			continue;
		case 's':
			string(&out, va_arg(ap, const char *), spec);
			continue;
		case 'p':
			if (fmt[1] == 'S') {
				fmt++;
				symbol_string(&out, (unsigned long)va_arg(ap, void *));
			} else {
				pointer(&out, (unsigned long)va_arg(ap, void *), spec);
			}
			continue;
		case '%':
			put_char(&out, '%');
			continue;
		case 'd':
		case 'i':
			spec.flags |= SIGN;
			break;
		case 'u':
			break;
		case 'o':
			spec.base = 8;
			break;
		case 'x':
			spec.flags |= SMALL;
			/* fall through */
		case 'X':
			spec.base = 16;
			break;
		case '\0':	/* a lone '%' ends the format */
			fmt--;
			continue;
		default:	/* unknown conversion: print it as it stands */
			put_char(&out, '%');
			put_char(&out, *fmt);
			continue;
		}
		number(&out, get_number(&spec, &ap), spec);
	}
	va_end(ap);

	if (size > 0)
		buf[min(out.len, size - 1)] = '\0';
	return out.len;
}

/* snprintf - vsnprintf with the arguments inline. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}

/*
 * vscnprintf - like vsnprintf, but returns the number of characters actually stored in @buf
 * (not counting the NUL), so the result can be added to a buffer position safely.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int len = vsnprintf(buf, size, fmt, args);

	if (size == 0)
		return 0;
	return (size_t)len < size ? len : (int)(size - 1);
}

/* scnprintf - vscnprintf with the arguments inline. */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}
