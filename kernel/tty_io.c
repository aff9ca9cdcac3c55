/*
 * Sessions and the console's foreground process group (job control in
 * Linux 2.4.0's drivers/char/tty_io.c: tiocgpgrp, tiocspgrp,
 * session_of_pgrp).
 *
 * Pagoda has one terminal, the console.  init (pid 1), which runs the
 * kernel shell, leads session 1 and has the console as its
 * controlling terminal; every process inherits both through fork.  The
 * shell puts each program it runs in a group of its own and gives a
 * foreground one the console (kernel/jobs.c), as a job-control shell
 * does with setpgid and tcsetpgrp; a program such as busybox's ash
 * then moves the console among its own jobs with tcsetpgrp.  setsid
 * leaves the terminal behind, and there is no TIOCSCTTY to take one
 * again.
 *
 * A background process's tcsetpgrp stops at SIGTTOU (tty_check_change)
 * and a background read at SIGTTIN (console_job_control,
 * kernel/console.c).  A background write goes out, TOSTOP or not:
 * 2.4.0's write_chan looks at TOSTOP only on terminals other than
 * /dev/console, and the console is Pagoda's one terminal.
 */
#include "kernel/tty.h"
#include "kernel/console.h"
#include "kernel/exit.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

/*
 * The console starts with 2.4.0's tty_std_termios, as a program
 * expects a terminal: lines edited by the kernel and echoed (ICANON,
 * ECHO...), Enter's "\r" read as "\n" (ICRNL), Ctrl-C and Ctrl-\ as
 * signals (ISIG), "\n" sent as "\r\n" (OPOST, ONLCR); with 2.4.0's
 * keys (INIT_C_CC): Ctrl-C, Ctrl-\, DEL, Ctrl-U, Ctrl-D, ..., Ctrl-W,
 * Ctrl-V.  But 115200 baud, as the serial line runs, and no IXON:
 * Pagoda never stops its output.  80 columns by 24 rows until
 * TIOCSWINSZ says otherwise (a serial line cannot tell).  The kernel
 * shell reads its lines with settings of its own (kernel/jobs.c).
 */
struct tty_struct console_tty = {
	.termios = {
		.c_iflag = ICRNL,
		.c_oflag = OPOST | ONLCR,
		.c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL,
		.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK |
			   ECHOCTL | ECHOKE | IEXTEN,
		.c_cc = {
			[VINTR] = 3, [VQUIT] = 0x1c, [VERASE] = 0x7f,
			[VKILL] = 0x15, [VEOF] = 4, [VMIN] = 1,
			[VSTART] = 0x11, [VSTOP] = 0x13, [VSUSP] = 0x1a,
			[VREPRINT] = 0x12, [VDISCARD] = 0x0f,
			[VWERASE] = 0x17, [VLNEXT] = 0x16,
		},
	},
	.winsize = { .ws_row = 24, .ws_col = 80 },
	.read_wait = __WAIT_QUEUE_HEAD_INITIALIZER(console_tty.read_wait),
};

/* init, the kernel shell, leads session 1 from the console, which it
 * opens (n_tty_open: its read buffer, as 2.4.0's init opens
 * /dev/console, and like it says so and goes on if it cannot). */
void console_session_init(void)
{
	if (n_tty_open(&console_tty))
		printk(KERN_ERR "init: no memory for the console's input\n");
	current->leader = true;
	current->session = current->pgrp = current->pid;
	current->tty = &console_tty;
	console_tty.session = console_tty.pgrp = current->pid;
}

/*
 * The session of process group pgrp: that of a process in it, or else
 * of the process whose pid it is (2.4.0's fallback); -1 for neither.
 */
static int session_of_pgrp(int pgrp)
{
	struct task_struct *p;
	int fallback = -1;

	for_each_task(p) {
		if (p != p->group_leader || p->session <= 0)
			continue;
		if (p->pgrp == pgrp)
			return p->session;
		if (p->pid == pgrp)
			fallback = p->session;
	}
	return fallback;
}

/* tcgetpgrp: only for a process whose terminal tty is (ENOTTY). */
long tiocgpgrp(struct tty_struct *tty, int *arg)
{
	if (current->group_leader->tty != tty)
		return -ENOTTY;
	return put_user_u32(tty->pgrp, arg) ? -EFAULT : 0;
}

/*
 * May current change tty (its foreground group, its settings)?  A
 * process of a background group is sent SIGTTOU, and the call starts
 * again once that is dealt with (-ERESTARTSYS): by default the process
 * stops until continued.  Unless it ignores or blocks SIGTTOU (a
 * job-control shell taking the terminal back), or its group is
 * orphaned: -EIO.  2.4.0's tty_check_change.
 */
long tty_check_change(struct tty_struct *tty)
{
	const struct task_struct *me = current->group_leader;

	if (me->tty != tty || me->pgrp == tty->pgrp ||
	    signal_ignored_or_blocked(SIGTTOU))
		return 0;
	if (is_orphaned_pgrp(me->pgrp))
		return -EIO;
	kill_pg(me->pgrp, SIGTTOU);
	return -ERESTARTSYS;
}

/*
 * tcsetpgrp: a process of tty's session makes group *arg, which must
 * be of that session too (EPERM), the foreground one.
 */
long tiocspgrp(struct tty_struct *tty, const int *arg)
{
	const struct task_struct *me = current->group_leader;
	long ret;
	int pgrp;

	if (me->tty != tty || tty->session != me->session)
		return -ENOTTY;
	ret = tty_check_change(tty);
	if (ret)
		return ret;
	if (copy_from_user(&pgrp, arg, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (session_of_pgrp(pgrp) != me->session)
		return -EPERM;
	console_set_pgrp(pgrp);
	return 0;
}
