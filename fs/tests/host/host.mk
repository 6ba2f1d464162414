# fs/tests/host/host.mk - host unit tests of the file-system code that needs no kernel state:
# the initramfs's cpio "newc" header parser (fs/cpio.c).
#
# Run from the repository root:  make -f fs/tests/host/host.mk host-test-fs
# The test compiles fs/cpio.c with the host compiler, -DFAULTLINE_HOST_TEST, AddressSanitizer
# and UBSan, and prints TAP. It makes real archives with the cpio tool (Debian package cpio).

HOSTCC ?= gcc
HOST_FS_DIR := build/host/fs
HOST_FS_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -DFAULTLINE_HOST_TEST \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: host-test-fs
host-test-fs: $(HOST_FS_DIR)/cpio_test host-test-ext2
	$(HOST_FS_DIR)/cpio_test

$(HOST_FS_DIR)/cpio_test: fs/tests/host/cpio_test.c fs/cpio.c fs/cpio.h kernel/types.h \
			  tools/hosttest.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_FS_CFLAGS) -o $@ fs/tests/host/cpio_test.c fs/cpio.c

# ext2 (fs/ext2/) over the buffer cache (fs/buffer.c), with an image file as the disk
# (fs/tests/host/buffer_host.c). Needs e2fsprogs (mke2fs, e2fsck, debugfs).
# (vfs.c and aops.c are its face to the kernel's VFS and page cache: kernel only)
HOST_EXT2_SRCS := fs/buffer.c $(filter-out fs/ext2/vfs.c fs/ext2/aops.c,$(wildcard fs/ext2/*.c)) \
		  fs/tests/host/buffer_host.c
HOST_EXT2_HDRS := fs/buffer.h fs/ext2/ext2.h fs/tests/host/buffer_host.h \
	fs/tests/host/ext2_host.h kernel/types.h kernel/errno.h tools/hosttest.h

.PHONY: host-test-ext2
host-test-ext2: $(HOST_FS_DIR)/ext2_test $(HOST_FS_DIR)/ext2_corrupt_test
	$(HOST_FS_DIR)/ext2_test
	$(HOST_FS_DIR)/ext2_corrupt_test

$(HOST_FS_DIR)/ext2_test: fs/tests/host/ext2_test.c $(HOST_EXT2_SRCS) $(HOST_EXT2_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_FS_CFLAGS) -o $@ fs/tests/host/ext2_test.c $(HOST_EXT2_SRCS)

$(HOST_FS_DIR)/ext2_corrupt_test: fs/tests/host/ext2_corrupt_test.c $(HOST_EXT2_SRCS) \
				  $(HOST_EXT2_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_FS_CFLAGS) -o $@ fs/tests/host/ext2_corrupt_test.c $(HOST_EXT2_SRCS)
