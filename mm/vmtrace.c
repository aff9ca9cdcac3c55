/* vmtrace=1: page state changes as lines (see vmtrace.h). */
#include "mm/vmtrace.h"
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "kernel/time.h"
#include "mm/mm.h"

bool vmtrace_enabled;
KERNEL_PARAM_FLAG(vmtrace, vmtrace_enabled,
		  "print a line for each page moved between lists, "
		  "written or reclaimed");

/* cprintf, not printk: the lines are data, whatever the loglevel. */
void __vmtrace(const struct page *page, const char *event)
{
	cprintf("vmtrace %lu %lu %s\n", jiffies, page_to_pfn(page), event);
}
