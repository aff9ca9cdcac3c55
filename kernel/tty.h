#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H
/*
 * The console as a controlling terminal (the job-control half of
 * Linux 2.4's struct tty_struct): the session it belongs to and its
 * foreground process group, which Ctrl-C, Ctrl-\ and Ctrl-Z signal
 * (kernel/console.c) and tcsetpgrp() changes (kernel/tty_io.c).
 */
struct tty_struct {
	int pgrp;	/* the foreground process group */
	int session;	/* the session whose terminal it is */
};

extern struct tty_struct console_tty;

void console_session_init(void);
long tiocgpgrp(struct tty_struct *tty, int *arg);
long tty_check_change(struct tty_struct *tty);
long tiocspgrp(struct tty_struct *tty, const int *arg);

#endif
