#ifndef LIB_GLOB_H
#define LIB_GLOB_H

#include <stdbool.h>

bool glob_match(const char *pattern, const char *str);
bool glob_match_list(const char *patterns, const char *str);

#endif
