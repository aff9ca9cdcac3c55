/* sleep SECONDS: does nothing for that long (nanosleep). */
#include "user/lib/libc.h"

int main(int argc, char **argv)
{
	unsigned long seconds;
	struct timespec t = { 0, 0 };

	if (argc != 2 || kstrtoul(argv[1], 10, &seconds)) {
		printf("usage: sleep SECONDS\n");
		return 2;
	}
	t.tv_sec = seconds;
	if (nanosleep(&t, NULL)) {
		printf("sleep: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
