/* sleep SECONDS: does nothing for that long (nanosleep). */
#include "user/lib/libc.h"

int main(int argc, char **argv)
{
	unsigned long seconds;
	struct timespec t = { 0, 0 };

	if (argc != 2) {
		printf("usage: sleep SECONDS\n");
		return 2;
	}
	if (kstrtoul(argv[1], 10, &seconds)) {
		printf("sleep: '%s' is not a whole number of seconds "
		       "(0 or more)\n", argv[1]);
		return 2;
	}
	t.tv_sec = seconds;
	if (nanosleep(&t, NULL)) {
		printf("sleep: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
