# The user programs (user/): static ELF32 executables for Linux i386,
# built with the kernel's cross compiler and linked into the kernel
# image (tools/mkprograms.py).  $(BUILD)/user/NAME is the program as
# Linux runs it; the kernel gets a stripped copy.  Included by the
# top Makefile, which adds $(USER_PROGRAMS_OBJ) to the kernel objects.

UPROGS := memhog forktest faulttest sysfuzz sleep hotcold forkhog numamove fragment \
	tlstest clonetest timetest exectest threadtest systest fdtest pipetest \
	pgrptest selecttest stoptest termiostest

ULIB_SRCS := $(wildcard user/lib/*.c user/lib/*.S) \
	     lib/string.c lib/vsprintf.c lib/cmdline.c
ULIB_OBJS := $(patsubst %,$(BUILD)/user/obj/%.o,$(basename $(ULIB_SRCS)))
UPROG_BINS := $(addprefix $(BUILD)/user/,$(UPROGS))
UPROG_STRIPPED := $(addsuffix .stripped,$(UPROG_BINS))
USER_PROGRAMS_OBJ := $(BUILD)/obj/user_programs.o

# No FPU or SSE registers: user/lib's printf (lib/vsprintf.c, shared with
# the kernel) has no floating point.
UCFLAGS := -std=gnu11 -Wall -Wextra -Werror -g -O2 -I. \
	-m32 -march=i686 -ffreestanding -fno-pic -fno-pie \
	-fno-stack-protector -fno-builtin -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables
ULDFLAGS := -nostdlib -static -no-pie -Wl,-T,user/lib/user.ld \
	-Wl,--build-id=none -Wl,-z,noexecstack

$(BUILD)/user/obj/%.o: %.c | toolchain
	@mkdir -p $(@D)
	$(Q)$(CC) $(UCFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/user/obj/%.o: %.S | toolchain
	@mkdir -p $(@D)
	$(Q)$(CC) $(UCFLAGS) -MMD -MP -c $< -o $@

$(UPROG_BINS): $(BUILD)/user/%: $(BUILD)/user/obj/user/%.o $(ULIB_OBJS) \
		user/lib/user.ld
	@echo "  LD      $@"
	@$(CC) $(UCFLAGS) $(ULDFLAGS) -o $@ $< $(ULIB_OBJS) -lgcc

$(UPROG_STRIPPED): %.stripped: %
	@$(OBJCOPY) --strip-all $< $@

$(BUILD)/user_programs.S: tools/mkprograms.py $(UPROG_STRIPPED)
	@$(PYTHON) tools/mkprograms.py \
	  $(foreach p,$(UPROGS),$(p)=$(BUILD)/user/$(p).stripped) > $@

$(USER_PROGRAMS_OBJ): $(BUILD)/user_programs.S
	@mkdir -p $(@D)
	@echo "  AS      $@"
	@$(CC) $(KCFLAGS) -c $< -o $@

.PHONY: user prog
user: $(UPROG_BINS)

# Programs of one's own, built against user/lib but not linked into the
# kernel: make prog SRC=path/to/mine.c makes $(BUILD)/progs/mine, for
# make run PROG=$(BUILD)/progs/mine.  user/template.c is built so with
# every build, so that the template stays right.
SRC ?= user/template.c
OWN_PROG := $(BUILD)/progs/$(basename $(notdir $(SRC)))
prog: $(OWN_PROG)

define link_own_program
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(UCFLAGS) $(ULDFLAGS) -o $@ $< $(ULIB_OBJS) -lgcc
endef

$(OWN_PROG): $(SRC) $(ULIB_OBJS) user/lib/user.ld | toolchain
	$(link_own_program)

ifneq ($(OWN_PROG),$(BUILD)/progs/template)
$(BUILD)/progs/template: user/template.c $(ULIB_OBJS) user/lib/user.ld \
			 | toolchain
	$(link_own_program)
endif

-include $(ULIB_OBJS:.o=.d) $(UPROG_BINS:%=$(BUILD)/user/obj/user/%.d)
