/* Futexes (kernel/futex.c), a later-Linux addition. */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

struct mm_struct;

int futex_wake(struct mm_struct *mm, int *uaddr, int nr_wake);
struct task_struct;
void exit_robust_list(struct task_struct *tsk, struct mm_struct *mm);

#endif
