# Faultline - a teaching kernel showing Linux's memory system in miniature.
#
#   make run     build and boot in QEMU, serial console on this terminal: /init starts
#                Debian's busybox sh (Ctrl-A X quits, Ctrl-A C switches to the QEMU monitor:
#                try `info mem`)
#   make test    host unit tests, in-kernel self tests, the gdb check and ring-3 tests
#   make debug   boot halted, waiting for gdb (see the README)
#   make iso     build iso/faultline.iso; the kernel ELF with symbols is build/faultline.elf
#
# QEMU runs with TCG by default; ACCEL=kvm opts in to KVM. MEM sets the guest RAM.

CC      := gcc
NASM    := nasm
LD      := ld
HOSTCC  ?= gcc
ACCEL   ?= tcg
MEM     ?= 128M
QEMU_CPU ?= max
B       := build

CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -I. \
	  -ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie -mcmodel=kernel \
	  -mno-red-zone -mgeneral-regs-only -fno-stack-protector -fno-omit-frame-pointer \
	  -fno-asynchronous-unwind-tables -fno-strict-aliasing -MMD -MP \
	  -Wvla -Wframe-larger-than=2048
NASMFLAGS := -f elf64 -g -F dwarf
LDFLAGS := -nostdlib -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments -T linker.ld

KERNEL_C   := $(wildcard kernel/*.c kernel/lib/*.c mm/*.c mm/tests/*.c kernel/tests/*.c fs/*.c fs/proc/*.c fs/ext2/*.c fs/tests/*.c drivers/*/*.c drivers/*/tests/*.c)
KERNEL_C   += $(wildcard ipc/*.c)
KERNEL_ASM := $(wildcard boot/*.asm kernel/*.asm kernel/lib/*.asm)
KERNEL_OBJ := $(patsubst %.c,$(B)/%.o,$(KERNEL_C)) $(patsubst %.asm,$(B)/%.o,$(KERNEL_ASM))

ISO       := iso/faultline.iso
TEST_ISO  := $(B)/faultline-test.iso

.PHONY: all iso run debug test deps clean host-test ktest gdb-test fuzz
.PHONY: disk
all: iso

# The ring-3 programs (static musl): tests, runner, seed program, benchmark, init and shell.
include user/user.mk

deps:
	@tools/deps

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/%.o: %.asm
	@mkdir -p $(dir $@)
	$(NASM) $(NASMFLAGS) $< -o $@

# Two links, as Linux's kallsyms: the first (with an empty symbol table) gives the addresses,
# tools/gen-kallsyms turns them into a table, the second link adds it. .kallsyms is the last
# section, so the second link moves nothing; the check below makes sure of that.
$(B)/kallsyms0.c: tools/gen-kallsyms
	@mkdir -p $(B)
	tools/gen-kallsyms --empty > $@

$(B)/kallsyms0.o: $(B)/kallsyms0.c
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/faultline.elf: $(KERNEL_OBJ) linker.ld tools/gen-kallsyms $(B)/kallsyms0.o
	$(LD) $(LDFLAGS) -o $(B)/faultline.pass1.elf $(KERNEL_OBJ) $(B)/kallsyms0.o
	tools/gen-kallsyms $(B)/faultline.pass1.elf > $(B)/kallsyms.c
	$(CC) $(CFLAGS) -c $(B)/kallsyms.c -o $(B)/kallsyms.o
	$(LD) $(LDFLAGS) -o $@ $(KERNEL_OBJ) $(B)/kallsyms.o
	@nm -n $(B)/faultline.pass1.elf | grep -v -e kallsyms -e ' _end$$' > $(B)/pass1.nm
	@nm -n $@ | grep -v -e kallsyms -e ' _end$$' > $(B)/pass2.nm
	@cmp -s $(B)/pass1.nm $(B)/pass2.nm || { echo "kallsyms: the second link moved symbols" >&2; exit 1; }

# Debian's busybox (tools/get-busybox: `apt-get download busybox-static`, never committed) is
# the userland of `make run` and of `tools/run-elf --sh`: /bin/busybox, and in /bin a symbolic
# link to it for each applet it lists (`busybox --list`: ls, cat, ps, top, free, df, vi, ...),
# as on a Debian system; busybox picks the applet by the name it was run as. Not init and
# linuxrc: the first program is user/init.c (/init, and /bin/init under tools/run-elf --sh).
BUSYBOX := $(B)/busybox/busybox
$(BUSYBOX):
	tools/get-busybox $@

# The tree both initramfs images hold (build/userland/, staged afresh by this rule): busybox
# and its applets, the seed program and the benchmarks in /bin, the tests in /tests with their
# runner as /bin/runner (try "runner -d /tests"), and the malformed ELF files of tests/bad_elf
# in /bad-elf.
USERLAND := $(B)/userland
USERLAND_STAMP := $(B)/userland.stamp
$(USERLAND_STAMP): Makefile $(BUSYBOX) $(USER_BUILD)/pgfaults $(USER_BUILD)/faultbench \
		   $(USER_BUILD)/sigbench $(USER_RUNNER) $(USER_TEST_BINS) $(USER_BAD_ELF_STAMP)
	rm -rf $(USERLAND)
	mkdir -p $(USERLAND)/bin $(USERLAND)/tests
	cp $(BUSYBOX) $(USERLAND)/bin/busybox
	for a in $$($(BUSYBOX) --list | grep -vx -e init -e linuxrc -e busybox); do \
		ln -s busybox "$(USERLAND)/bin/$$a" || exit 1; done
	cp $(USER_BUILD)/pgfaults $(USER_BUILD)/faultbench $(USER_BUILD)/sigbench $(USERLAND)/bin/
	cp $(USER_RUNNER) $(USERLAND)/bin/runner
	cp $(USER_TEST_BINS) $(USERLAND)/tests/
	cp -R $(USER_BAD_ELF_DIR) $(USERLAND)/bad-elf
	@touch $@

# The initramfs of `make run` (tools/mkinitramfs): /init (user/init.c) starts busybox's sh.
INITRAMFS := $(B)/initramfs.cpio
$(INITRAMFS): tools/mkinitramfs $(USER_INIT) $(USERLAND_STAMP)
	tools/mkinitramfs $@ --init $(USER_INIT) --add $(USERLAND):/

# The ISOs: GRUB (BIOS) + the kernel (+ the initramfs), made by tools/mkiso.
iso: deps $(ISO)
$(ISO): $(B)/faultline.elf iso/boot/grub/grub.cfg tools/mkiso $(INITRAMFS)
	tools/mkiso $@ --initramfs $(INITRAMFS)

$(TEST_ISO): $(B)/faultline.elf iso/boot/grub/grub.cfg tools/mkiso
	tools/mkiso $@ --cmdline test

QEMU_FLAGS = -machine pc -cpu $(QEMU_CPU) -m $(MEM) -accel $(ACCEL) -no-reboot \
	     -device isa-debug-exit,iobase=0xf4,iosize=0x04

# The disk of `make run` (/dev/vda, mounted at /mnt by /init): ext2, 32 MiB, from disk/. Made
# only if missing, so files written in Faultline survive; `make disk` makes it afresh.
DISK_IMG := $(B)/disk.img
$(DISK_IMG):
	@mkdir -p $(B)
	tools/mkext2img $@ 32M --from disk
disk: deps
	@rm -f $(DISK_IMG)
	@$(MAKE) --no-print-directory $(DISK_IMG)

# Its swap disk (/dev/vdb, enabled by /init): 64 MiB made by mkswap, made afresh each run.
SWAP_IMG := $(B)/swap.img

run: deps $(ISO) $(DISK_IMG)
	tools/mkswapdisk $(SWAP_IMG) 64
	tools/qemu-run -nographic $(QEMU_FLAGS) -cdrom $(ISO) -drive file=$(DISK_IMG),if=virtio,format=raw \
		-drive file=$(SWAP_IMG),if=virtio,format=raw

debug: deps $(ISO)
	@echo "QEMU is waiting for gdb. In another terminal, from this directory, run:"
	@echo "    gdb -x tools/faultline.gdb"
	tools/qemu-run -nographic $(QEMU_FLAGS) -cdrom $(ISO) -s -S

host-test:
	@$(MAKE) --no-print-directory -f kernel/lib/tests/host/host.mk host-test-lib
	@$(MAKE) --no-print-directory -f mm/tests/host/host.mk host-test-mm
	@$(MAKE) --no-print-directory -f fs/tests/host/host.mk host-test-fs

ktest: $(TEST_ISO)
	tools/ktest $(TEST_ISO) $(QEMU_FLAGS)

gdb-test: $(ISO)
	tools/gdb-check $(ISO) $(QEMU_FLAGS)

test: deps
	@$(MAKE) --no-print-directory $(ISO) $(TEST_ISO) user-progs
	@tools/run-tests

# The system-call fuzzer (issue 6): make fuzz SECONDS=N SEED=S [WORKERS=W].
SECONDS ?= 60
SEED    ?= 1
WORKERS ?= 2
fuzz: deps
	@tools/fuzz --seconds $(SECONDS) --seed $(SEED) --workers $(WORKERS)

clean:
	rm -rf $(B) $(ISO)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
