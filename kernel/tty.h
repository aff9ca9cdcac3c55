#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H
/*
 * The console as a terminal (Linux 2.4's struct tty_struct, for the
 * one tty Pagoda has): its job control, the session it belongs to and
 * its foreground process group, which Ctrl-C, Ctrl-\ and Ctrl-Z signal and
 * tcsetpgrp() changes (kernel/tty_io.c); its settings and size
 * (kernel/tty_ioctl.c); and the input n_tty keeps for its readers
 * (kernel/n_tty.c).
 */
#include "kernel/abi.h"
#include "kernel/wait.h"

/* n_tty's read buffer (2.4.0's N_TTY_BUF_SIZE): a power of two, and
 * a page, as n_tty_open() allocates it. */
#define N_TTY_BUF_SIZE	4096

struct tty_struct {
	int pgrp;	/* the foreground process group */
	int session;	/* the session whose terminal it is */
	struct termios termios;
	struct winsize winsize;
	wait_queue_head_t read_wait;	/* readers, and poll() */
	/* Typed and not read yet: read_cnt bytes from read_tail on;
	 * canon_head ends the last whole line (canonical mode), and
	 * read_eol marks the byte that ends each of the canon_data
	 * lines.  column is where the cursor is, for erasing a tab. */
	unsigned char *read_buf;	/* a page, from n_tty_open() */
	unsigned char read_eol[N_TTY_BUF_SIZE / 8];
	unsigned int read_head, read_tail, read_cnt;
	unsigned int canon_head, canon_data, canon_column, column;
	bool lnext;	/* the last key was VLNEXT: take the next as is */
};

extern struct tty_struct console_tty;

void console_session_init(void);
long tiocgpgrp(struct tty_struct *tty, int *arg);
long tty_check_change(struct tty_struct *tty);
long tiocspgrp(struct tty_struct *tty, const int *arg);

/* The line discipline (kernel/n_tty.c). */
int n_tty_open(struct tty_struct *tty);
void n_tty_receive_char(struct tty_struct *tty, unsigned char c);
long n_tty_read(struct tty_struct *tty, char *buf, size_t nr,
		bool nonblock);
void n_tty_write(struct tty_struct *tty, const char *buf, size_t n);
bool n_tty_input_available(struct tty_struct *tty);
void n_tty_flush_buffer(struct tty_struct *tty);
void n_tty_set_termios(struct tty_struct *tty, const struct termios *t);
void n_tty_hand_over(struct tty_struct *tty, const struct termios *t);

#endif
