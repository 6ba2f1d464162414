# user/user.mk - build Faultline's ring-3 programs: the tests, their runner, the seed example
# and the fault benchmark. Every one is a static musl binary that runs unchanged on Linux and
# on Faultline.
#
# Included by the top-level Makefile (paths are relative to the repository root), or used on
# its own:   make -f user/user.mk user-progs
#
# Outputs (under $(USER_BUILD), default build/user):
#   tests/<name>   one per user/tests/<name>.c, except the helpers listed in USER_TEST_HELPERS
#   reclaim/<name> one per user/tests/reclaim_*.c: the memory-pressure tests, run in a boot of their own
#   runner         the KTAP test runner (user/tests/runner.c)
#   pgfaults       the seed note's example (user/seed/pgfaults.c)
#   faultbench     the fault benchmark (user/bench/faultbench.c)
#   fsbench        a 64 MiB file's write, fsync and cold reads on ext2 (user/bench/fsbench.c)
#   mmbench        mremap moving 64 MiB against copying it, mincore over 1 GiB (user/bench/mmbench.c)
#   reclaimbench   twice RAM out to swap and back; a hot set under a cold sweep (user/bench/reclaimbench.c)
#   swapbench      64 MiB paged out and read back in order (user/bench/swapbench.c)
#   fuzz           the system-call fuzzer (user/fuzz/fuzz.c; tools/fuzz runs it)
#   bad-elf/       malformed ELF files for tests/bad_elf, made by a host-built generator
#   init           /init of `make run` and of tools/run-elf --sh (user/init.c)
#   run-elf-checks/<name>  one per user/run-elf-checks/<name>.c: programs that check
#                  tools/run-elf itself (tools/run-user-tests); not tests, so not in tests/
#
# Variables for the includer: USER_TEST_BINS (the test programs), USER_BINS (every program
# above), USER_INIT, USER_RUN_ELF_CHECKS, USER_BAD_ELF_DIR, and the target
# user-progs (all of it).

MUSLCC		?= musl-gcc
HOSTCC		?= cc
USER_BUILD	?= build/user
USER_CFLAGS	?= -static -O2 -Wall -Wextra -Werror
HOST_CFLAGS	?= -O2 -Wall -Wextra -Werror

# This file's own name, and the includer's default goal, which the rules below must not take.
_user_mk := $(lastword $(MAKEFILE_LIST))
_user_saved_goal := $(.DEFAULT_GOAL)

# Sources in user/tests/ that are not test programs.
USER_TEST_HELPERS := user/tests/runner.c user/tests/gen_bad_elfs.c
USER_TEST_SRCS	:= $(filter-out $(USER_TEST_HELPERS),$(wildcard user/tests/*.c))
# The reclaim_* tests need a boot of their own (mem=64M and a big swap disk; tools/run-user-tests
# section 3): they are built into reclaim/, not tests/, so the main boot does not run them.
USER_RECLAIM_SRCS := $(wildcard user/tests/reclaim_*.c)
USER_TEST_SRCS	:= $(filter-out $(USER_RECLAIM_SRCS),$(USER_TEST_SRCS))
USER_RECLAIM_BINS := $(patsubst user/tests/%.c,$(USER_BUILD)/reclaim/%,$(USER_RECLAIM_SRCS))
USER_TEST_BINS	:= $(patsubst user/tests/%.c,$(USER_BUILD)/tests/%,$(USER_TEST_SRCS))
USER_RUNNER	:= $(USER_BUILD)/runner
USER_INIT	:= $(USER_BUILD)/init
USER_RUN_ELF_CHECKS := $(patsubst user/run-elf-checks/%.c,$(USER_BUILD)/run-elf-checks/%,\
			 $(wildcard user/run-elf-checks/*.c))
USER_BINS	:= $(USER_TEST_BINS) $(USER_RUNNER) $(USER_BUILD)/pgfaults $(USER_BUILD)/faultbench \
		   $(USER_BUILD)/sigbench $(USER_BUILD)/fsbench $(USER_BUILD)/mmbench \
		   $(USER_BUILD)/reclaimbench \
		   $(USER_BUILD)/fuzz \
		   $(USER_INIT) $(USER_RUN_ELF_CHECKS)
USER_BINS	+= $(USER_BUILD)/swapbench
USER_BINS	+= $(USER_RECLAIM_BINS)
USER_BAD_ELF_DIR := $(USER_BUILD)/bad-elf
USER_BAD_ELF_STAMP := $(USER_BUILD)/host/bad-elf.stamp
USER_BAD_ELF_GEN := $(USER_BUILD)/host/gen_bad_elfs

.PHONY: user-progs user-clean
user-progs: $(USER_BINS) $(USER_BAD_ELF_STAMP)

$(USER_BUILD)/tests/%: user/tests/%.c user/tests/test.h $(wildcard user/tests/*.h)
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(USER_BUILD)/reclaim/%: user/tests/%.c user/tests/test.h $(wildcard user/tests/*.h)
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(USER_RUNNER): user/tests/runner.c user/tests/test.h
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

# The seed's program, kept as the note prints it: without -fno-builtin, GCC at -O2 deletes
# its malloc() and memset()s (the buffer is never read) and it shows no faults at all.
$(USER_BUILD)/pgfaults: user/seed/pgfaults.c
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -fno-builtin -o $@ $<

$(USER_BUILD)/faultbench: user/bench/faultbench.c
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(USER_BUILD)/sigbench: user/bench/sigbench.c
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(USER_BUILD)/fsbench: user/bench/fsbench.c
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(USER_BUILD)/mmbench: user/bench/mmbench.c
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(USER_BUILD)/reclaimbench: user/bench/reclaimbench.c
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(USER_BUILD)/swapbench: user/bench/swapbench.c user/tests/test.h
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(USER_BUILD)/fuzz: user/fuzz/fuzz.c user/tests/test.h
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(USER_INIT): $(USER_BUILD)/%: user/%.c
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(USER_BUILD)/run-elf-checks/%: user/run-elf-checks/%.c
	@mkdir -p $(@D)
	$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(USER_BAD_ELF_GEN): user/tests/gen_bad_elfs.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

# The directory is rebuilt whole, so files a newer generator no longer makes do not linger.
$(USER_BAD_ELF_STAMP): $(USER_BAD_ELF_GEN)
	rm -rf $(USER_BAD_ELF_DIR)
	mkdir -p $(USER_BAD_ELF_DIR)
	$(USER_BAD_ELF_GEN) $(USER_BAD_ELF_DIR)
	@touch $@

user-clean:
	rm -rf $(USER_BUILD)

# Used on its own (make -f user/user.mk), build everything; when included, give the default
# goal back to the includer (an empty value lets its next target become the default).
ifeq ($(firstword $(MAKEFILE_LIST)),$(_user_mk))
.DEFAULT_GOAL := user-progs
else
.DEFAULT_GOAL := $(_user_saved_goal)
endif
