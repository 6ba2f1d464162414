# kernel/lib/tests/host/host.mk - host unit tests for kernel/lib (string.c, vsprintf.c, rbtree.c,
# xarray.c).
#
# Run from the repo root:  make -f kernel/lib/tests/host/host.mk host-test-lib
# (or include this file from the top-level Makefile). Everything is built under build/host/.
#
# The kernel's memcpy, snprintf, ... have libc's names, so the kernel/lib objects are compiled
# with -Dname=k_name for each of them; the test calls the k_ names and keeps glibc's own.
# rbtree.c has no libc names; rbtree_test is a separate program so it can use glibc freely.

HOSTCC ?= gcc
HOST_LIB_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all -DFAULTLINE_HOST_TEST -I.

HOST_LIB_DIR := build/host/kernel/lib
HOST_LIB_RENAMES := $(foreach f,memcpy memmove memset memcmp memchr strlen strnlen strcmp \
	strncmp strchr strrchr strscpy simple_strtoul vsnprintf snprintf scnprintf vscnprintf, \
	-D$(f)=k_$(f))
HOST_LIB_OBJS := $(HOST_LIB_DIR)/string.o $(HOST_LIB_DIR)/vsprintf.o

.PHONY: host-test-lib
host-test-lib: $(HOST_LIB_DIR)/lib_test $(HOST_LIB_DIR)/rbtree_test $(HOST_LIB_DIR)/xarray_test
	$(HOST_LIB_DIR)/lib_test
	$(HOST_LIB_DIR)/rbtree_test
	$(HOST_LIB_DIR)/xarray_test

$(HOST_LIB_DIR)/%.o: kernel/lib/%.c $(wildcard kernel/*.h kernel/lib/*.h)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_LIB_CFLAGS) -ffreestanding -fno-builtin $(HOST_LIB_RENAMES) -c $< -o $@

$(HOST_LIB_DIR)/lib_test: kernel/lib/tests/host/lib_test.c $(HOST_LIB_OBJS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_LIB_CFLAGS) $^ -o $@

$(HOST_LIB_DIR)/rbtree_test: kernel/lib/tests/host/rbtree_test.c $(HOST_LIB_DIR)/rbtree.o tools/hosttest.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_LIB_CFLAGS) $(filter %.c %.o,$^) -o $@

$(HOST_LIB_DIR)/xarray_test: kernel/lib/tests/host/xarray_test.c $(HOST_LIB_DIR)/xarray.o tools/hosttest.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_LIB_CFLAGS) $(filter %.c %.o,$^) -o $@
