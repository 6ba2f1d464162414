# tools/faultline.gdb - attach gdb to a Faultline kernel started by `make debug`.
#   gdb -x tools/faultline.gdb
# Loads the kernel's symbols (build/faultline.elf) and connects to QEMU's gdb stub.
set pagination off
set confirm off
set architecture i386:x86-64
file build/faultline.elf
target remote localhost:1234
echo Connected. Try: hbreak start_kernel, continue, bt, info registers, x/8gx $sp\n
