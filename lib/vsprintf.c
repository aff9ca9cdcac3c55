/*
 * vsnprintf: the subset of C99 printf the kernel needs.
 *
 * Conversions: d i u x X o p s c %, with flags '-' '0' '+' ' ' '#',
 * a width and a precision (either may be '*'), and the length
 * modifiers hh h l ll z t.  Like C99 it returns the length the full
 * output would have, and writes at most size - 1 bytes plus a NUL.
 */
#include "lib/vsprintf.h"
#include "lib/ctype.h"
#include "lib/string.h"

struct out {
	char *buf;
	size_t size;
	size_t len;	/* bytes produced so far, written or not */
};

struct spec {
	bool left, zero, plus, space, alt;
	int width;
	int precision;	/* -1: none given */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* Emits sign/prefix, zero or space padding, then the digits. */
static void put_number(struct out *o, const struct spec *s,
		       unsigned long long v, bool negative,
		       unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], prefix[3];
	int n = 0, plen = 0, zeros, total;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (s->precision == 0 && n == 1 && tmp[0] == '0')
		n = 0;
	if (negative)
		prefix[plen++] = '-';
	else if (s->plus)
		prefix[plen++] = '+';
	else if (s->space)
		prefix[plen++] = ' ';
	if (s->alt && base == 16) {
		prefix[plen++] = '0';
		prefix[plen++] = upper ? 'X' : 'x';
	} else if (s->alt && base == 8 && (n == 0 || tmp[n - 1] != '0')) {
		prefix[plen++] = '0';
	}
	zeros = s->precision > n ? s->precision - n : 0;
	if (s->zero && !s->left && s->precision < 0 && s->width > plen + n)
		zeros = s->width - plen - n;
	total = plen + zeros + n;
	if (!s->left)
		pad(o, ' ', s->width - total);
	for (int i = 0; i < plen; i++)
		put(o, prefix[i]);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (s->left)
		pad(o, ' ', s->width - total);
}

static void put_string(struct out *o, const struct spec *s, const char *str)
{
	int n;

	if (!str)
		str = "(null)";
	n = (int)strnlen(str, s->precision >= 0 ? (size_t)s->precision
						 : (size_t)-1);
	if (!s->left)
		pad(o, ' ', s->width - n);
	for (int i = 0; i < n; i++)
		put(o, str[i]);
	if (s->left)
		pad(o, ' ', s->width - n);
}

/* Reads flags, width and precision; returns the first byte after them. */
static const char *parse_spec(const char *f, struct spec *s, va_list *ap)
{
	memset(s, 0, sizeof(*s));
	s->precision = -1;
	for (;; f++) {
		if (*f == '-')
			s->left = true;
		else if (*f == '0')
			s->zero = true;
		else if (*f == '+')
			s->plus = true;
		else if (*f == ' ')
			s->space = true;
		else if (*f == '#')
			s->alt = true;
		else
			break;
	}
	if (*f == '*') {
		s->width = va_arg(*ap, int);
		if (s->width < 0) {
			s->left = true;
			s->width = -s->width;
		}
		f++;
	}
	while (isdigit(*f))
		s->width = s->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		s->precision = 0;
		if (*f == '*') {
			s->precision = va_arg(*ap, int);
			f++;
		}
		while (isdigit(*f))
			s->precision = s->precision * 10 + (*f++ - '0');
	}
	return f;
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static const char *parse_length(const char *f, enum length *len)
{
	*len = LEN_INT;
	if (f[0] == 'h' && f[1] == 'h') {
		*len = LEN_CHAR;
		return f + 2;
	}
	if (f[0] == 'l' && f[1] == 'l') {
		*len = LEN_LLONG;
		return f + 2;
	}
	if (*f == 'h')
		*len = LEN_SHORT;
	else if (*f == 'l')
		*len = LEN_LONG;
	else if (*f == 'z' || *f == 't')
		*len = LEN_SIZE;
	else
		return f;
	return f + 1;
}

static long long signed_arg(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR:	return (signed char)va_arg(*ap, int);
	case LEN_SHORT:	return (short)va_arg(*ap, int);
	case LEN_LONG:	return va_arg(*ap, long);
	case LEN_LLONG:	return va_arg(*ap, long long);
	case LEN_SIZE:	return va_arg(*ap, ptrdiff_t);
	default:	return va_arg(*ap, int);
	}
}

static unsigned long long unsigned_arg(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR:	return (unsigned char)va_arg(*ap, unsigned);
	case LEN_SHORT:	return (unsigned short)va_arg(*ap, unsigned);
	case LEN_LONG:	return va_arg(*ap, unsigned long);
	case LEN_LLONG:	return va_arg(*ap, unsigned long long);
	case LEN_SIZE:	return va_arg(*ap, size_t);
	default:	return va_arg(*ap, unsigned);
	}
}

/* Formats one conversion whose letter is c. */
static void convert(struct out *o, char c, struct spec *s,
		    enum length len, va_list *ap)
{
	long long sv;

	switch (c) {
	case 'd':
	case 'i':
		sv = signed_arg(len, ap);
		put_number(o, s, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv,
			   sv < 0, 10, false);
		break;
	case 'u':
		put_number(o, s, unsigned_arg(len, ap), false, 10, false);
		break;
	case 'x':
	case 'X':
		put_number(o, s, unsigned_arg(len, ap), false, 16, c == 'X');
		break;
	case 'o':
		put_number(o, s, unsigned_arg(len, ap), false, 8, false);
		break;
	case 'p':
		/* Always the full pointer width: addresses line up. */
		s->zero = true;
		s->width = 2 * sizeof(void *);
		put_number(o, s, (uintptr_t)va_arg(*ap, void *), false, 16, false);
		break;
	case 's':
		put_string(o, s, va_arg(*ap, const char *));
		break;
	case 'c':
		s->precision = -1;
		pad(o, ' ', s->left ? 0 : s->width - 1);
		put(o, (char)va_arg(*ap, int));
		pad(o, ' ', s->left ? s->width - 1 : 0);
		break;
	case '%':
		put(o, '%');
		break;
	default:
		/* Unknown conversion: show it rather than guess. */
		put(o, '%');
		put(o, c);
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	struct spec s;
	enum length len;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &args);
		fmt = parse_length(fmt, &len);
		if (!*fmt)
			break;
		convert(&o, *fmt++, &s, len, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
