/*
 * The user's FPU and SSE registers (kernel/i387.c).
 */
#ifndef KERNEL_I387_H
#define KERNEL_I387_H

#include "lib/compiler.h"

/* fxsave's 512-byte area, 16-byte aligned: room to align it in place. */
#define FXSAVE_SIZE	512
struct i387_state {
	uint8_t room[FXSAVE_SIZE + 15];
};

struct task_struct;

void fpu_init(void);
void switch_fpu(struct task_struct *prev, struct task_struct *next);
void fork_fpu(struct task_struct *child);
void flush_fpu(void);
bool fpu_save_image(void *image);
void fpu_load_image(const void *image);

#endif
