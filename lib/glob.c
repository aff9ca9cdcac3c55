/*
 * Shell-style wildcard matching for test=GLOB and the shell's
 * "test GLOB": '*' matches any run of characters, '?' any one.
 */
#include "lib/glob.h"
#include "lib/string.h"

/*
 * Iterative matcher: on a mismatch after a '*', retry with the '*'
 * swallowing one more character.  Linear in practice, no recursion.
 */
static bool match_n(const char *p, const char *pend, const char *s)
{
	const char *star_p = NULL, *star_s = NULL;

	while (*s) {
		if (p < pend && (*p == '?' || *p == *s)) {
			p++;
			s++;
		} else if (p < pend && *p == '*') {
			star_p = ++p;
			star_s = s;
		} else if (star_p) {
			p = star_p;
			s = ++star_s;
		} else {
			return false;
		}
	}
	while (p < pend && *p == '*')
		p++;
	return p == pend;
}

bool glob_match(const char *pattern, const char *str)
{
	return match_n(pattern, pattern + strlen(pattern), str);
}

/* True if str matches any of the comma-separated patterns. */
bool glob_match_list(const char *patterns, const char *str)
{
	const char *p = patterns;

	for (;;) {
		const char *comma = strchr(p, ',');
		const char *end = comma ? comma : p + strlen(p);

		if (end > p && match_n(p, end, str))
			return true;
		if (!comma)
			return false;
		p = comma + 1;
	}
}
