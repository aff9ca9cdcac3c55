/* From _start (crt0.S) to main() and back out through exit(). */
#include "user/lib/libc.h"

__noreturn void __libc_start_main(unsigned long *sp);

__noreturn void __libc_start_main(unsigned long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);

	exit(main(argc, argv));
}
