/*
 * Kernel command-line parsing.
 *
 * Rules (docs/running.md): words are "key=value" or bare flags; a value
 * may be double-quoted to hold spaces (init="memhog 64M").  Unknown
 * keys are warned about and ignored; a bad value is rejected with the
 * reason and the parameter keeps its default.  Nothing here is fatal.
 */
#include "lib/cmdline.h"
#include "lib/ctype.h"
#include "lib/errno.h"
#include "lib/string.h"

/*
 * Strict unsigned parse: the whole string must be a number.  base 0
 * accepts a 0x prefix for hex.  -EINVAL for junk, -ERANGE on overflow.
 */
int kstrtoul(const char *s, unsigned base, unsigned long *out)
{
	unsigned long v = 0;
	unsigned digit;

	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			base = 16;
			s += 2;
		}
	}
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (isdigit(*s))
			digit = *s - '0';
		else if (isxdigit(*s))
			digit = tolower(*s) - 'a' + 10;
		else
			return -EINVAL;
		if (digit >= base)
			return -EINVAL;
		if (v > ((unsigned long)-1 - digit) / base)
			return -ERANGE;
		v = v * base + digit;
	}
	*out = v;
	return 0;
}

/*
 * A size such as "64M": digits, then an optional K, M or G (either
 * case, optionally followed by "iB" or "B") meaning binary units.
 */
int memparse(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	unsigned shift = 0;

	if (!isdigit(*s))
		return -EINVAL;
	for (; isdigit(*s); s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -ERANGE;
		v = v * 10 + (*s - '0');
	}
	switch (tolower(*s)) {
	case 'k': shift = 10; break;
	case 'm': shift = 20; break;
	case 'g': shift = 30; break;
	case '\0': break;
	default: return -EINVAL;
	}
	if (shift) {
		s++;
		if (tolower(s[0]) == 'i' && tolower(s[1]) == 'b')
			s += 2;
		else if (tolower(s[0]) == 'b')
			s++;
	}
	if (*s)
		return -EINVAL;
	if (v > (UINT64_MAX >> shift))
		return -ERANGE;
	*out = v << shift;
	return 0;
}

/*
 * Boot loaders put the kernel image's path first (GRUB: "/boot/
 * kernel.elf", QEMU -kernel: "build/kernel.elf").  It is not a
 * parameter: skip a first word that looks like a path.
 */
const char *cmdline_skip_image(const char *line)
{
	const char *end;
	bool path = false;

	while (*line == ' ')
		line++;
	for (end = line; *end && *end != ' '; end++) {
		if (*end == '=')
			return line;
		if (*end == '/')
			path = true;
	}
	if (!path && !(end - line > 4 && !strncmp(end - 4, ".elf", 4)))
		return line;
	while (*end == ' ')
		end++;
	return end;
}

static const struct kernel_param *find_param(const struct kernel_param *p,
					     size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].name, key))
			return &p[i];
	return NULL;
}

/* Range check shared by the numeric types. */
static int check_range(const struct kernel_param *p, uint64_t v,
		       const char **why)
{
	if (v < p->min || v > p->max) {
		*why = "out of range";
		return -ERANGE;
	}
	return 0;
}

static int set_uint(const struct kernel_param *p, const char *val,
		    const char **why)
{
	unsigned long v;
	int err = kstrtoul(val, 0, &v);

	if (err) {
		*why = err == -ERANGE ? "too large" : "not a number";
		return err;
	}
	err = check_range(p, v, why);
	if (!err)
		*(unsigned int *)p->var = (unsigned int)v;
	return err;
}

static int set_size(const struct kernel_param *p, const char *val,
		    const char **why)
{
	uint64_t v;
	int err = memparse(val, &v);

	if (err) {
		*why = err == -ERANGE ? "too large"
				      : "not a size (like 64M, 1G, 4096K)";
		return err;
	}
	err = check_range(p, v, why);
	if (!err)
		*(uint64_t *)p->var = v;
	return err;
}

static int set_string(const struct kernel_param *p, const char *val,
		      const char **why)
{
	if (!*val) {		/* names no program, glob or benchmark */
		*why = "empty";
		return -EINVAL;
	}
	if (strlen(val) >= p->max) {
		*why = "too long";
		return -ERANGE;
	}
	strlcpy(p->var, val, p->max);
	return 0;
}

static int set_value(const struct kernel_param *p, const char *val,
		     const char **why)
{
	switch (p->type) {
	case PARAM_UINT:	return set_uint(p, val, why);
	case PARAM_SIZE:	return set_size(p, val, why);
	case PARAM_STRING:	return set_string(p, val, why);
	case PARAM_CALL:	return p->set(val, why);
	case PARAM_FLAG:	break;
	}
	*why = "takes no value";
	return -EINVAL;
}

/*
 * Cuts the next word off *line: up to a space, except inside a
 * double-quoted value, whose quotes are removed.  Returns NULL at the
 * end; sets *bad_quote for an unterminated quote.
 */
static char *next_word(char **line, bool *bad_quote)
{
	char *w = *line, *r, *d;
	bool quoted = false;

	while (*w == ' ')
		w++;
	if (!*w)
		return NULL;
	for (r = d = w; *r && (quoted || *r != ' '); r++) {
		if (*r == '"')
			quoted = !quoted;
		else
			*d++ = *r;
	}
	*line = *r ? r + 1 : r;
	*d = '\0';
	*bad_quote = quoted;
	return w;
}

/* Applies one word; returns 0 or -EINVAL after reporting the problem. */
static int parse_word(char *word, const struct kernel_param *params,
		      size_t n, cmdline_report_t report)
{
	char *val = strchr(word, '=');
	const struct kernel_param *p;
	const char *why = "invalid";

	if (val)
		*val++ = '\0';
	if (!*word) {
		report("cmdline: '=%s' has no key, ignored\n", val);
		return -EINVAL;
	}
	p = find_param(params, n, word);
	if (!p) {
		report("cmdline: unknown parameter '%s' ignored\n", word);
		return -EINVAL;
	}
	if (p->type == PARAM_FLAG && !val) {
		*(bool *)p->var = true;
		return 0;
	}
	if (!val) {
		report("cmdline: '%s' needs a value (%s=...), ignored\n",
		       word, word);
		return -EINVAL;
	}
	if (set_value(p, val, &why)) {
		report("cmdline: %s=%s rejected (%s), keeping the default\n",
		       word, val, why);
		return -EINVAL;
	}
	return 0;
}

/* Parses line in place; returns how many words were rejected. */
int parse_args(char *line, const struct kernel_param *params, size_t n,
	       cmdline_report_t report)
{
	int bad = 0;
	bool bad_quote;
	char *word;

	while ((word = next_word(&line, &bad_quote))) {
		if (bad_quote) {
			report("cmdline: unterminated quote in '%s', ignored\n",
			       word);
			bad++;
			continue;
		}
		if (parse_word(word, params, n, report))
			bad++;
	}
	return bad;
}
