/*
 * The rest of what mm/page_alloc.c, mm/debug.c and mm/vmscan.c need
 * from the kernel, for the host build (printk is kernel_shim.c's).
 * "Physical memory" is a malloc'd arena whose address is PAGE_OFFSET
 * (tests/host/host.h), so __pa/__va and page_address work unchanged;
 * HIGHMEM pages have no address until "kmapped", and kmap_atomic is
 * just their place in the arena.
 */
#include "tests/host/mm_fixture.h"
#include "kernel/kernel.h"
#include "kernel/ksyms.h"
#include "kernel/sched.h"
#include "mm/highmem.h"
#include "mm/vmstat.h"

/* mm/vmstat.c's counters (its other half is the vmstat command). */
unsigned long vm_events[NR_VM_EVENT_ITEMS];

/*
 * The test program is the only task: the allocator reads its flags
 * (PF_MEMALLOC) through current, and schedule() and yield() have no
 * other task to switch to.  A task that sleeps waits for something
 * an interrupt would bring: here, time passing means the disks finish
 * what they were given (host_run_devices, tests/host/ramdisk.c in the
 * unit tests).  If nothing is left to finish, it would never wake.
 */
static struct task_struct host_task;
struct task_struct *current = &host_task;
unsigned int (*host_run_devices)(void);

void schedule(void)
{
	if (current->state == TASK_RUNNING)
		return;
	if (!host_run_devices || !host_run_devices())
		panic("schedule: the only task sleeps, and no device "
		      "has anything left to finish");
	current->state = TASK_RUNNING;
}

void yield(void)
{
}

unsigned long host_page_offset;
int cpu_node;		/* what numa_node_id() says (mm/mm.h) */

void (*host_panic_catcher)(const char *msg);

__noreturn void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (host_panic_catcher)
		host_panic_catcher(msg);	/* does not return */
	fprintf(stderr, "host panic: %s\n", msg);
	abort();
}

int ksym_snprint(char *buf, unsigned long len, unsigned long addr)
{
	return snprintf(buf, len, "%#lx", addr);
}

void *highmem_page_address(const struct page *page)
{
	(void)page;
	return NULL;
}

void *kmap_atomic(struct page *page, enum km_type type)
{
	(void)type;
	return __va(page_to_pfn(page) << PAGE_SHIFT);
}

void kunmap_atomic(void *addr, enum km_type type)
{
	(void)addr;
	(void)type;
}

/* mm/highmem.c's copy (which copies with rep movsl), for mm/migrate.c. */
void copy_highpage(struct page *to, struct page *from)
{
	memcpy(kmap_atomic(to, KM_USER1), kmap_atomic(from, KM_USER0),
	       PAGE_SIZE);
}
