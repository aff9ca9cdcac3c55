# Pagoda: build, run, test and debug.  `make help` lists the targets.
#
# Variables: MEM=64M SWAP=256M NODES=1 CMDLINE="..." GUI=1 DEBUG=1 PROG="..."
#            T=glob (make test)  BUILD=build (where everything goes)
#            V=1 (show whole compiler command lines)

BUILD   ?= build
MEM     ?= 64M
SWAP    ?= 256M
NODES   ?= 1
CMDLINE ?=
PROG    ?=
GUI     ?= 0
DEBUG   ?= 0
T       ?= *

# The cross toolchain: Debian's i686-linux-gnu-, or an i686-elf- one.
CROSS ?= $(shell for p in i686-linux-gnu- i686-elf-; do \
	command -v $${p}gcc >/dev/null 2>&1 && { echo $$p; break; }; done)
CC      := $(CROSS)gcc
NM      := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy
HOST_CC ?= cc
PYTHON  ?= python3
MKSWAP  := $(shell command -v mkswap 2>/dev/null || echo /sbin/mkswap)
SETUP   := tools/setup-host.sh

# GDB port from the user id, so two users on one host do not clash.
# Compile lines are shown as "CC file"; V=1 shows them whole.
ifeq ($(V),1)
Q :=
else
Q = @echo "  CC      $<";
endif

GDBPORT ?= $(shell echo $$((20000 + $$(id -u) % 20000)))

# ---------------------------------------------------------------- kernel

KSRCS := $(wildcard boot/*.S kernel/*.S kernel/*.c mm/*.c drivers/*.c \
	   lib/*.c tests/common/*.c tests/kernel/*.c)
KOBJS := $(patsubst %,$(BUILD)/obj/%.o,$(basename $(KSRCS)))

KCFLAGS := -std=gnu11 -Wall -Wextra -Werror -g -I. \
	-m32 -march=i686 -ffreestanding -fno-pic -fno-pie \
	-fno-stack-protector -fno-builtin -fno-omit-frame-pointer \
	-mgeneral-regs-only -fno-asynchronous-unwind-tables
# DEBUG=1 is also the stepping build: at -O0 every local and argument
# lives in its stack slot at every line (-Og still drops some, e.g. pte
# and entry in try_to_swap_out) and no function is inlined into its
# caller, so each has its own frame in bt (scenario gdb_stepping).
#
# The invariant checkers are not for stepping, and at -O0 a check after
# each reclaim round, which walks every page, made the kernel suites five
# times slower: they are built at -Og (CHECKER_OBJS).
ifeq ($(DEBUG),1)
KCFLAGS += -O0 -DCONFIG_DEBUG
CHECKER_CFLAGS := -Og
else
KCFLAGS += -O2
endif
CHECKER_OBJS := $(patsubst %,$(BUILD)/obj/mm/%.o,debug reclaim_debug mmap_debug)
$(CHECKER_OBJS): KCFLAGS += $(CHECKER_CFLAGS)
KLDFLAGS := -nostdlib -static -no-pie -Wl,-T,linker.ld -Wl,--build-id=none \
	-Wl,-z,noexecstack -Wl,--no-warn-rwx-segments -Wl,--fatal-warnings

.PHONY: all
all: $(BUILD)/kernel.elf $(BUILD)/pagoda.iso $(BUILD)/progs/template

# The user programs, linked into the kernel image.
include user/user.mk
KOBJS += $(USER_PROGRAMS_OBJ)

# Say clearly what is missing instead of failing on a compiler name.
.PHONY: toolchain
toolchain:
	@if [ -z "$(CROSS)" ]; then \
	  echo "error: no i686 cross compiler (i686-linux-gnu-gcc or" \
	       "i686-elf-gcc). Run $(SETUP), or:" >&2; \
	  echo "  apt-get install gcc-i686-linux-gnu binutils-i686-linux-gnu" >&2; \
	  exit 1; fi

# Objects are rebuilt when the compiler flags change (DEBUG=0 <-> 1).
$(BUILD)/kcflags: FORCE | toolchain
	@mkdir -p $(@D)
	@echo '$(KCFLAGS) checkers: $(CHECKER_CFLAGS)' | cmp -s - $@ || \
	  echo '$(KCFLAGS) checkers: $(CHECKER_CFLAGS)' > $@

$(BUILD)/obj/%.o: %.c $(BUILD)/kcflags | toolchain
	@mkdir -p $(@D)
	$(Q)$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/%.o: %.S $(BUILD)/kcflags | toolchain
	@mkdir -p $(@D)
	$(Q)$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

# Two link steps (see kernel/ksyms.c): the first with an empty symbol
# table, whose function symbols become the table of the second.  The
# table lies after all code, so no function may move between the two:
# checked by comparing the function symbols of both links.
$(BUILD)/ksyms0.S: tools/ksyms.py
	@mkdir -p $(@D)
	@$(PYTHON) tools/ksyms.py --empty > $@

$(BUILD)/kernel.pass1.elf: $(KOBJS) $(BUILD)/obj/ksyms0.o linker.ld
	@echo "  LD      $@"
	@$(CC) $(KCFLAGS) $(KLDFLAGS) -o $@ $(KOBJS) $(BUILD)/obj/ksyms0.o -lgcc

$(BUILD)/ksyms.S: $(BUILD)/kernel.pass1.elf tools/ksyms.py
	@echo "  KSYMS   $@"
	@$(NM) -n $< | $(PYTHON) tools/ksyms.py > $@

$(BUILD)/obj/ksyms0.o $(BUILD)/obj/ksyms.o: $(BUILD)/obj/%.o: $(BUILD)/%.S
	@mkdir -p $(@D)
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/kernel.elf: $(BUILD)/kernel.pass1.elf $(BUILD)/obj/ksyms.o
	@echo "  LD      $@"
	@$(CC) $(KCFLAGS) $(KLDFLAGS) -o $@.tmp $(KOBJS) $(BUILD)/obj/ksyms.o -lgcc
	@$(NM) -n $< | grep -i ' [tw] ' > $(BUILD)/syms.pass1
	@$(NM) -n $@.tmp | grep -i ' [tw] ' > $(BUILD)/syms.pass2
	@cmp -s $(BUILD)/syms.pass1 $(BUILD)/syms.pass2 || { echo \
	  "error: functions moved between the two links (see linker.ld)" >&2; \
	  exit 1; }
	@mv $@.tmp $@

# ------------------------------------------------------------------ ISO

# The ISO's grub.cfg carries CMDLINE; rebuilt only when it changes.
$(shell mkdir -p $(BUILD))
$(BUILD)/cmdline: FORCE
	$(file >$@.new,$(CMDLINE))
	@cmp -s $@.new $@ && rm $@.new || mv $@.new $@

# PROG="a b": programs of one's own, given to the kernel as Multiboot
# modules (kernel/module_programs.c): in the ISO under /boot/progs with a
# GRUB module line each; with -kernel (the tests) as QEMU's -initrd.
$(BUILD)/prog-list: FORCE
	$(file >$@.new,$(PROG))
	@cmp -s $@.new $@ && rm $@.new || mv $@.new $@

$(BUILD)/iso/boot/grub/grub.cfg: boot/grub.cfg.in $(BUILD)/cmdline $(BUILD)/prog-list
	@mkdir -p $(@D)
	@$(PYTHON) -c 'import sys, os; t = open(sys.argv[1]).read(); \
	  c = open(sys.argv[2]).read().strip(); \
	  m = "".join("\tmodule /boot/progs/{0} {0}\n".format(os.path.basename(p)) \
	              for p in open(sys.argv[3]).read().split()); \
	  sys.stdout.write(t.replace("@CMDLINE@", c) \
	                   .replace("@MODULES@\n", m))' $^ > $@.tmp
	@mv $@.tmp $@

$(BUILD)/pagoda.iso: $(BUILD)/kernel.elf $(BUILD)/iso/boot/grub/grub.cfg \
		     $(PROG)
	@echo "  ISO     $@"
	@rm -rf $(BUILD)/iso/boot/progs && mkdir -p $(BUILD)/iso/boot/progs
	@$(if $(PROG),cp $(PROG) $(BUILD)/iso/boot/progs/)
	@cp $(BUILD)/kernel.elf $(BUILD)/iso/boot/kernel.elf
	@grub-file --is-x86-multiboot $(BUILD)/iso/boot/kernel.elf
	@grub-mkrescue -o $@ $(BUILD)/iso 2> $(BUILD)/grub-mkrescue.log || \
	  { cat $(BUILD)/grub-mkrescue.log >&2; exit 1; }

# SWAP is checked first: head -c -5 and the like wrote zeros until the
# disk was full.  The image is sparse (truncate), so a large one costs
# neither time nor room; mkswap's warning about its holes is shown
# only if mkswap fails.
$(BUILD)/swap.img:
	@echo '$(SWAP)' | grep -Eqx '[1-9][0-9]*([kKMGT]|[KMGT]iB)?' || { \
	  echo "SWAP=$(SWAP): not a size: give bytes, or a number and K, M," \
	    "G or T (SWAP=256M)" >&2; exit 1; }
	@mkdir -p $(@D)
	@echo "  MKSWAP  $@ ($(SWAP))"
	@rm -f $@.tmp
	@truncate -s $(SWAP) $@.tmp || { rm -f $@.tmp; exit 1; }
	@chmod 600 $@.tmp
	@out=$$($(MKSWAP) $@.tmp 2>&1) || { echo "$$out" >&2; rm -f $@.tmp; \
	  exit 1; }
	@mv $@.tmp $@

# --------------------------------------------------------- host tests

# lib/ and mm/ built for the host under ASan and UBSan, with
# the same test suites as the kernel (tests/common).
HSRCS := $(wildcard lib/*.c tests/common/*.c tests/host/*.c)
# The mm/ files with no hardware in them, the same source as the
# kernel's, against the arch shim in tests/host/shim (found before the
# real headers): the buddy allocator, its checker and the swap map
# (HOST_ALLOC), and the reclaim engine with the swap cache, swap I/O
# and the block layer under it (HOST_RECLAIM), over a disk in host
# memory (tests/host/ramdisk.c).  The fuzzer and the allocator bench
# take only HOST_ALLOC, with tests/host/alloc_only/no_reclaim.c and
# tests/host/no_compaction.c.
HOST_ALLOC := mm/page_alloc.c mm/debug.c mm/swapfile.c
HOST_RECLAIM := mm/swap.c mm/swap_state.c mm/vmscan.c mm/page_io.c \
	mm/swap_relocate.c mm/filemap.c mm/pgtable.c mm/vmtrace.c \
	mm/reclaim_debug.c mm/rmap.c mm/rmap_debug.c mm/migrate.c \
	kernel/wait.c drivers/blkdev.c
HOST_MM := $(HOST_ALLOC) $(HOST_RECLAIM)
NO_RECLAIM := tests/host/alloc_only/no_reclaim.c tests/host/no_compaction.c
HSRCS := $(sort $(HSRCS) $(HOST_MM))
HOBJS := $(patsubst %.c,$(BUILD)/host/obj/%.o,$(HSRCS))
HCFLAGS := -std=gnu11 -Wall -Wextra -Werror -g -O1 -Itests/host/shim -I. \
	-DHOST_TEST -DCONFIG_DEBUG \
	-include tests/host/host.h -fno-builtin -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all

# UBSan's null check would end the run at a NULL dereference a stubbed
# function causes; left out, the fault fails only its case
# (tests/host/null_fault.c, which needs _GNU_SOURCE for the faulting pc).
HCFLAGS += -fno-sanitize=null
$(BUILD)/host/obj/tests/host/null_fault.o: HCFLAGS += -D_GNU_SOURCE

$(BUILD)/host/obj/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HCFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/host/ktest-host: $(HOBJS)
	@echo "  HOSTLD  $@"
	@$(HOST_CC) $(HCFLAGS) -o $@ $^

# ----------------------------------------------------------------- fuzz

# libFuzzer (clang) drives the buddy allocator with random alloc/free
# sequences: make check runs it for FUZZ_CHECK_SECONDS, make fuzz for
# FUZZ_SECONDS.  Crashing inputs are left in $(BUILD)/fuzz/.  One input
# runs in milliseconds; one that takes FUZZ_INPUT_SECONDS is a hang (an
# allocator that loops) and fails the run then, not after libFuzzer's
# default of 20 minutes.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 300
FUZZ_CHECK_SECONDS ?= 3
FUZZ_INPUT_SECONDS ?= 10
FUZZ_SRCS := tests/fuzz/buddy_fuzz.c $(HOST_ALLOC) $(NO_RECLAIM) \
	tests/host/mm_fixture.c \
	tests/host/mm_shim.c tests/host/kernel_shim.c lib/string.c lib/vsprintf.c \
	lib/ratelimit.c
FUZZ_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -g -O1 -Itests/host/shim -I. \
	-DHOST_TEST -DCONFIG_DEBUG -include tests/host/host.h -fno-builtin \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fsanitize-coverage-ignorelist=tests/fuzz/coverage-ignore.txt
FUZZ := $(BUILD)/fuzz/buddy-fuzz

$(FUZZ): $(FUZZ_SRCS) tests/fuzz/coverage-ignore.txt \
	 $(wildcard mm/*.h tests/common/*.h tests/host/*.h \
	   tests/host/shim/*/*.h)
	@mkdir -p $(@D)/corpus
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_SRCS)

# $(call run_fuzz,SECONDS): one line of result, the log on failure.
define run_fuzz
	@cd $(BUILD)/fuzz && ./buddy-fuzz -max_total_time=$(1) \
	  -timeout=$(FUZZ_INPUT_SECONDS) -print_final_stats=1 corpus > fuzz.log 2>&1 || \
	  { cat fuzz.log; echo "fuzz: FAILED (log: $(BUILD)/fuzz/fuzz.log)"; \
	    exit 1; }
	@echo "fuzz: buddy allocator, $(1) s:" \
	  $$(grep -o 'number_of_executed_units: [0-9]*' $(BUILD)/fuzz/fuzz.log \
	     | grep -o '[0-9]*$$') "inputs, no failure"
endef

.PHONY: fuzz
fuzz: $(FUZZ)
	$(call run_fuzz,$(FUZZ_SECONDS))

# ---------------------------------------------------------------- bench

# The buddy allocator's instructions per alloc+free pair under callgrind,
# from the same mm/ sources built -O2 without sanitizers.
BENCH_SRCS := tests/bench/buddy_bench.c $(HOST_ALLOC) $(NO_RECLAIM) \
	tests/host/mm_fixture.c \
	tests/host/mm_shim.c tests/host/kernel_shim.c lib/string.c lib/vsprintf.c \
	lib/ratelimit.c
BENCH_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -g -O2 -Itests/host/shim -I. \
	-DHOST_TEST -include tests/host/host.h -fno-builtin

$(BUILD)/bench/buddy-bench: $(BENCH_SRCS) \
	 $(wildcard mm/*.h tests/common/*.h tests/host/*.h \
	   tests/host/shim/*/*.h)
	@mkdir -p $(@D)
	@echo "  BENCHCC $@"
	@$(HOST_CC) $(BENCH_CFLAGS) -o $@ $(BENCH_SRCS)

.PHONY: bench bench-buddy bench-kernel
bench: bench-buddy bench-kernel
# (bench_buddy.py reads sizeof(struct page) from the kernel's symbols.)
bench-buddy: $(BUILD)/bench/buddy-bench $(BUILD)/kernel.elf
	@$(SETUP)
	@$(PYTHON) tools/bench_buddy.py --build $(BUILD)

# In-kernel benchmarks (KBENCH in kernel/bench.h), one boot each with a
# fresh swap disk: bench: NAME VALUE UNIT lines (tools/kbench.py).
KBENCHES ?= swapdisk proc reclaim memhog numa_move compact

bench-kernel: $(BUILD)/kernel.elf
	@$(SETUP)
	@$(PYTHON) tools/kbench.py --build $(BUILD) $(KBENCHES)

# The same memhog binary on Debian's Linux 686 kernel and on Pagoda, on
# one QEMU line (tools/bench_peer.py). Not part of bench or check: it
# downloads the Linux package on first use (kept under $(BUILD)/peer/).
PEER_SIZE ?= 96M
PEER_PASSES ?= 3

.PHONY: bench-peer
bench-peer: $(BUILD)/kernel.elf
	@$(SETUP)
	@$(PYTHON) tools/bench_peer.py --build $(BUILD) --mem $(MEM) \
	  --swap $(SWAP) --size $(PEER_SIZE) --passes $(PEER_PASSES)

# -------------------------------------------------------------- running

# A scripted run under memory pressure; its log and pictures (made by
# tools/plot-vmlog with gnuplot) land in $(BUILD)/demo/.
.PHONY: demo
demo: all
	@$(SETUP)
	@$(PYTHON) tools/demo.py --build $(BUILD)

QEMU_DISPLAY := $(if $(filter 1,$(GUI)),,-display none)
# NODES=N splits MEM over N NUMA nodes (QEMU then provides an ACPI SRAT);
# NUMA_CHECK stops make run/debug with the reason if that cannot be done.
NUMA_ARGS = $(PYTHON) tools/pagoda_test/qemu.py --numa-args \
	--nodes '$(NODES)' --mem '$(MEM)'
QEMU_NUMA = $(if $(filter-out 1,$(NODES)),$(shell $(NUMA_ARGS)))
NUMA_CHECK = $(NUMA_ARGS) > /dev/null
QEMU = qemu-system-i386 -M pc -accel tcg -m $(MEM) $(QEMU_DISPLAY) $(QEMU_NUMA) \
	-serial mon:stdio -no-reboot -nic none \
	-drive file=$(BUILD)/swap.img,if=none,id=swap0,format=raw,werror=report,rerror=report \
	-device virtio-blk-pci,drive=swap0,disable-modern=on,vectors=0,serial=SWAP0 \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04

# QEMU exits 33 when the kernel reports success: make exits 0 then.
# It exits 0 when Ctrl-A X quits it, and also when a triple fault resets
# the machine (-no-reboot); QEMU logs the resets (-d cpu_reset) in
# RESET_LOG, where a triple fault leaves "Triple fault", which tells the
# two apart.
RESET_LOG = $(BUILD)/qemu-resets.log
QEMU_RUN = rm -f $(RESET_LOG); $(QEMU) -d cpu_reset -D $(RESET_LOG)
define qemu_status
	status=$$?; [ $$status -eq 33 ] && exit 0; \
	if [ $$status -eq 0 ] && ! grep -qs "Triple fault" $(RESET_LOG); \
	then echo "pagoda: QEMU quit (Ctrl-A X)"; exit 0; fi; \
	[ $$status -eq 0 ] && echo "pagoda: the machine triple-faulted" \
	     "and QEMU stopped it (see $(RESET_LOG))" >&2 || \
	echo "pagoda: QEMU exited with status $$status (35: the kernel" \
	     "reported a failure)" >&2; exit 1
endef

.PHONY: run debug gdb record replay check-replay check soak test host-tests \
	clean help FORCE \
	labs lab-starter grade lab-proof lab-hang
run:
	@$(SETUP)
	@$(NUMA_CHECK)
	@$(MAKE) --no-print-directory all $(BUILD)/swap.img
	@echo "Booting Pagoda (quit: type 'shutdown', or Ctrl-A X)"
	@$(QEMU_RUN) -cdrom $(BUILD)/pagoda.iso -boot d; $(qemu_status)

debug:
	@$(SETUP)
	@$(NUMA_CHECK)
	@$(MAKE) --no-print-directory all $(BUILD)/swap.img
	@$(GDB_SESSION) record --port $(GDBPORT) --elf $(BUILD)/kernel.elf \
	  --build '$(BUILD)' --debug '$(DEBUG)'
	@echo "QEMU waits for GDB on port $(GDBPORT): run 'make gdb' elsewhere"
	@$(QEMU_RUN) -cdrom $(BUILD)/pagoda.iso -boot d -S -gdb tcp::$(GDBPORT); \
	  $(qemu_status)

# make gdb loads the ELF that make debug (or make replay) booted, read
# from its session file, and builds nothing: a DEBUG= or BUILD= given
# here that differs, or an ELF rebuilt since, is refused (session.py).
# GDBFLAGS: more GDB arguments, e.g. GDBFLAGS="-ex 'break page_launder'".
GDB_SESSION := $(PYTHON) tools/gdb/session.py
GDB ?= gdb
GDBFLAGS ?=
given = $(if $(filter command line,$(origin $(1))),--$(2) '$($(1))')
gdb:
	@elf=$$($(GDB_SESSION) check --port $(GDBPORT) $(call given,DEBUG,debug) \
	  $(call given,BUILD,build)) && \
	$(GDB) -q "$$elf" -ex 'target remote localhost:$(GDBPORT)' \
	  -x tools/gdb/pagoda.gdb $(GDBFLAGS)

# Record a run (console input too) into $(BUILD)/record/, then replay it
# as often as wanted, with the gdbstub open for make gdb: see tools/rr.py
# and docs/debugging.md (reverse execution).
record:
	@$(SETUP)
	@$(MAKE) --no-print-directory $(BUILD)/kernel.elf $(BUILD)/cmdline
	@$(PYTHON) tools/rr.py record --build '$(BUILD)' --mem '$(MEM)' \
	  --swap '$(SWAP)' --cmdline-file $(BUILD)/cmdline --debug '$(DEBUG)'

replay:
	@$(SETUP)
	@$(PYTHON) tools/rr.py replay --build '$(BUILD)' --gdb-port $(GDBPORT)

# Record/replay and reverse execution in GDB on the whole reclaim suite
# (tests/replay; about a minute): make check runs the short form
# (tests/scenarios/replay.py, seconds).
check-replay:
	@$(SETUP)
	@$(MAKE) --no-print-directory $(BUILD)/kernel.elf
	@$(PYTHON) tools/runtests.py --build $(BUILD) --tests tests/replay \
	  --glob 'scenario:*'

host-tests: $(BUILD)/host/ktest-host

# The runner's own unit tests first (quietly), then the kernel suites
# against a debug build, then every test against the default build.
check:
	@$(SETUP)
	@$(MAKE) --no-print-directory all host-tests $(BUILD)/swap.img $(FUZZ)
	@$(PYTHON) tools/debfetch.py busybox musl shells $(BUILD)/i386 || \
	  echo "check: without them the busybox and outside scenarios are skipped"
	$(call run_fuzz,$(FUZZ_CHECK_SECONDS))
	@$(PYTHON) -m unittest discover -q -s tools/pagoda_test -p 'test_*.py' \
	  2> $(BUILD)/runner-selftest.log || { cat $(BUILD)/runner-selftest.log; exit 1; }
	@$(PYTHON) -m unittest discover -q -s tools/labs -t tools -p 'test_*.py' \
	  2> $(BUILD)/labs-selftest.log || { cat $(BUILD)/labs-selftest.log; exit 1; }
	@echo "Debug build (DEBUG=1: invariant checks, poisoning): kernel suites"
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/debug DEBUG=1 all
	@$(PYTHON) tools/runtests.py --build $(BUILD)/debug --glob 'kernel:*'
	@echo "Course labs: each starter builds, boots and loses points; each solution scores full"
	@$(PYTHON) tools/labtool.py proof --build $(BUILD)
	@echo "Default build: everything"
	@$(PYTHON) tools/runtests.py --build $(BUILD)

# Long runs that make check leaves out, on both builds: sysfuzz's
# million calls (the debug build's 100000) under several seeds
# (tests/soak), and the scenarios
# named soak_* (PAGODA_SOAK=1).
soak:
	@$(SETUP)
	@$(MAKE) --no-print-directory all $(BUILD)/swap.img
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/debug DEBUG=1 all
	@$(PYTHON) tools/runtests.py --build $(BUILD) --tests tests/soak \
	  --glob 'scenario:*'
	@PAGODA_SOAK=1 $(PYTHON) tools/runtests.py --build $(BUILD) \
	  --glob 'scenario:*.soak_*'

test:
	@$(SETUP)
	@$(MAKE) --no-print-directory all host-tests $(BUILD)/swap.img
	@PAGODA_PROG='$(abspath $(PROG))' \
	  $(PYTHON) tools/runtests.py --build $(BUILD) --glob '$(T)'

# ------------------------------------------------------------------ labs

# Course labs (labs/, tools/labs/): the list, a lab's starter tree, its
# grade (FORMAT=gradescope also writes RESULTS, default
# $(BUILD)/results.json), and the proof make check runs: every starter
# builds, boots and scores less than full marks, every solution full marks.
LAB     ?=
OUT     ?=
FORMAT  ?=
RESULTS ?=

labs:
	@$(PYTHON) tools/labtool.py list

lab-starter:
	@$(PYTHON) tools/labtool.py starter '$(LAB)' '$(OUT)'

grade:
	@$(SETUP)
	@$(PYTHON) tools/labtool.py grade '$(LAB)' --build '$(BUILD)' \
	  --format '$(FORMAT)' --results '$(RESULTS)'

lab-proof: all host-tests
	@$(PYTHON) tools/labtool.py proof --build '$(BUILD)'

# Grading code that never returns (tools/labs/hang.py): every region of
# LAB (default: the lab with the most kernel cases) made to hang, HANG=spin
# or idle (default both); each test must lose its points saying why, and
# the time the grade took is printed.  Minutes: not part of make check.
HANG ?=
lab-hang: all host-tests
	@$(PYTHON) tools/labtool.py hang --build '$(BUILD)' --kind '$(HANG)' $(LAB)

# Every function tests/stubsweep.py lists stubbed in turn (tools/stubsweep.py):
# which test notices each.  ONLY=name,... SHAPES=return,once GLOB= THEN=glob|check
# GRADE=1.  About 20 s a stub, an hour for all: not part of make check.
ONLY   ?=
SHAPES ?= return,once
GLOB   ?= host:*,kernel:*
THEN   ?=
GRADE  ?=
stub-sweep: all host-tests $(BUILD)/swap.img
	@$(PYTHON) tools/stubsweep.py --build '$(BUILD)' --only '$(ONLY)' \
	  --shapes '$(SHAPES)' --glob '$(GLOB)' --then '$(THEN)' $(if $(GRADE),--grade)

clean:
	rm -rf $(BUILD)

help:
	@echo "make            build $(BUILD)/kernel.elf and $(BUILD)/pagoda.iso"
	@echo "make run        boot in QEMU (MEM=64M NODES=1 SWAP=256M CMDLINE=... GUI=1)"
	@echo "                PROG=\"path/to/prog ...\": your own programs, for run NAME"
	@echo "make prog SRC=mine.c   build $(BUILD)/progs/mine against user/lib, for PROG="
	@echo "make check      all tests: host unit tests, kernel suites, scenarios"
	@echo "make test T=glob   only the tests matching glob"
	@echo "make soak       long runs kept out of make check (sysfuzz, soak_*)"
	@echo "make fuzz       fuzz the buddy allocator (FUZZ_SECONDS=300)"
	@echo "make bench      benchmarks: bench: NAME VALUE UNIT lines"
	@echo "make bench-peer memhog on Pagoda and on Debian's Linux, side by side"
	@echo "make debug      like run, but QEMU waits for GDB; then: make gdb"
	@echo "                DEBUG=1 (any target): -O0 and the mm invariant checks"
	@echo "make demo       a run under memory pressure, pictures in $(BUILD)/demo/"
	@echo "make record     run, recorded into $(BUILD)/record/ (QEMU record/replay)"
	@echo "make replay     replay that run, QEMU waiting for GDB; then: make gdb"
	@echo "make stub-sweep stub each seed function in turn: which test notices"
	@echo "make labs       the course labs; make lab-starter LAB=NAME OUT=DIR,"
	@echo "                make grade LAB=NAME [FORMAT=gradescope]"
	@echo "make clean      remove $(BUILD)/"

-include $(KOBJS:.o=.d) $(HOBJS:.o=.d)
