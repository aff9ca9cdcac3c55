/* The shell's processes: running programs, waiting for them, reporting. */
#ifndef KERNEL_JOBS_H
#define KERNEL_JOBS_H

void shell_take_console(void);
int run_foreground(int argc, char **argv, int *status);
void describe_status(char *buf, unsigned long len, int status);
void reap_background_jobs(void);

#endif
