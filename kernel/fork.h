/* Creating tasks (kernel/fork.c). */
#ifndef KERNEL_FORK_H
#define KERNEL_FORK_H

struct mm_struct;
struct task_struct;

int kernel_thread(int (*fn)(void *), void *arg, const char *name);
void free_task(struct task_struct *p);
void unhash_task(struct task_struct *p);
void mm_release(struct task_struct *tsk, struct mm_struct *mm);

#endif
