/* Power-off through QEMU's isa-debug-exit device (see power.h). */
#include "kernel/power.h"
#include "kernel/kernel.h"
#include "kernel/shell.h"
#include "kernel/x86.h"

__noreturn void machine_exit(bool success)
{
	cli();
	printk(KERN_EMERG "Power down (%s)\n", success ? "success" : "failure");
	outl(DEBUG_EXIT_PORT,
	     success ? DEBUG_EXIT_SUCCESS : DEBUG_EXIT_FAILURE);
	/* No debug-exit device (real hardware, other VM): just stop. */
	printk(KERN_EMERG "System halted.\n");
	for (;;)
		hlt();
}

static int cmd_shutdown(int argc __unused, char **argv __unused)
{
	machine_exit(true);
}
SHELL_COMMAND(shutdown, cmd_shutdown, "shutdown",
	      "power off; QEMU exits with success");
