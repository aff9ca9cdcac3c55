/*
 * Random bytes (Linux's drivers/char/random.c, much reduced): what
 * get_random_bytes() gives the kernel (AT_RANDOM, kernel/exec.c), what
 * /dev/random and /dev/urandom read (2.4.0's, majors 1:8 and 1:9), and
 * getrandom (355, Linux 3.17), which glibc 2.36's arc4random() and
 * musl's getentropy() call; glibc aborts arc4random() when it has
 * neither getrandom nor /dev/urandom.
 *
 * Pagoda has no entropy pool: the bytes are a splitmix64 stream whose
 * state takes in the boot clock (microseconds) at every call.  They
 * differ from call to call and from one run to the next, but they are
 * no secret: fine for hash seeds and stack guards, not for keys.
 */
#include "kernel/abi.h"
#include "kernel/file.h"
#include "kernel/kernel.h"
#include "kernel/random.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "lib/string.h"

#define S_IFCHR		0020000

static uint64_t random_state;

/* Linux's get_random_bytes(), always "initialised" here. */
void get_random_bytes(char *buf, unsigned long n)
{
	random_state ^= boot_clock_us();
	while (n) {
		uint64_t z = (random_state += 0x9E3779B97F4A7C15ULL);
		unsigned long k = min(n, (unsigned long)sizeof(z));

		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
		z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
		z ^= z >> 31;
		memcpy(buf, &z, k);
		buf += k;
		n -= k;
	}
}

/* urandom_read(): as many bytes as asked, a chunk at a time, stopping
 * at a signal (kernel/mem.c's move_chunks()). */
static long random_read(struct file *f __unused, char *buf, unsigned long n)
{
	return move_chunks(buf, n, true, get_random_bytes);
}

/* Writes are swallowed: Linux mixes them into its pool, and there is
 * none here.  /dev/random never blocks, as Linux 5.6's does once its
 * pool is ready. */
const struct file_operations random_fops = {
	.read = random_read,
	.mode = S_IFCHR | 0666, .major = 1, .minor = 8,
};

const struct file_operations urandom_fops = {
	.read = random_read,
	.mode = S_IFCHR | 0666, .major = 1, .minor = 9,
};

/*
 * getrandom(buf, count, flags), Linux 3.17, with 5.6's flags:
 * GRND_NONBLOCK and GRND_RANDOM (which no longer blocks: 5.6) change
 * nothing here, there being no pool to wait for; GRND_INSECURE (5.6)
 * neither, but not with GRND_RANDOM.  Other flags are EINVAL; a count
 * past INT_MAX is cut to it (3.17); a buffer it cannot write EFAULT if
 * no byte was written, else the bytes written.
 */
long sys_getrandom(char *buf, unsigned long count, unsigned flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_RANDOM | GRND_INSECURE)) ==
	    (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	count = min(count, (unsigned long)INT32_MAX);
	return move_chunks(buf, count, true, get_random_bytes);
}
