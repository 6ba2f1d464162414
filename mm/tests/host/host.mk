# mm/tests/host/host.mk - host unit tests of the memory allocators (buddy, slab).
#
# Run from the repository root:  make -f mm/tests/host/host.mk host-test-mm
# Each test program compiles the kernel sources it tests with the host compiler, with
# -DFAULTLINE_HOST_TEST (memlayout.h's __va/__pa over a malloc'ed arena), AddressSanitizer
# and UBSan, and prints TAP. The target fails if any program fails.

HOSTCC ?= gcc
HOST_BUILD ?= build/host
HOST_CFLAGS ?= -std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -DFAULTLINE_HOST_TEST \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

HOST_MM_TESTS := $(HOST_BUILD)/buddy_test $(HOST_BUILD)/slab_test
HOST_MM_HEADERS := mm/page.h mm/page_alloc.h mm/slab.h mm/memlayout.h kernel/types.h \
	kernel/list.h kernel/printk.h kernel/panic.h mm/tests/host/mm_host.h tools/hosttest.h

.PHONY: host-test-mm
host-test-mm: $(HOST_MM_TESTS)
	@for t in $(HOST_MM_TESTS); do \
		echo "# $$t"; \
		./$$t || exit 1; \
	done

$(HOST_BUILD)/buddy_test: mm/tests/host/buddy_test.c mm/page_alloc.c $(HOST_MM_HEADERS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ mm/tests/host/buddy_test.c mm/page_alloc.c

$(HOST_BUILD)/slab_test: mm/tests/host/slab_test.c mm/slab.c mm/page_alloc.c $(HOST_MM_HEADERS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ mm/tests/host/slab_test.c mm/slab.c mm/page_alloc.c
