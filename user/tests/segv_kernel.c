/*
 * segv_kernel - ring 3 cannot read, write or jump to kernel addresses (the direct map, the
 * kernel image, the vmalloc area), nor to non-canonical ones, nor execute code placed on its
 * stack or in a read/write data page: every attempt ends in SIGSEGV.
 *
 * Seed concept: the split address space. Every process's page tables also map the kernel
 * (direct map at 0xffff888000000000, vmalloc at 0xffffc90000000000, the image at
 * 0xffffffff80000000), but those entries lack the U/S bit, so a user access is a protection
 * page fault; a non-canonical address (0x0000800000000000) is a #GP instead. Both must reach
 * the process as SIGSEGV, not crash or confuse the kernel. Stack and data pages are mapped
 * NX, so jumping into them faults too.
 *
 * The accesses are written in inline assembly so that the compiler emits exactly one load,
 * store or call to the address (it could otherwise treat them as undefined behaviour).
 */
#include "test.h"

static void read_at(void *addr)
{
	unsigned char v;

	__asm__ volatile("movb (%1), %0" : "=r"(v) : "r"(addr) : "memory");
	(void)v;
}

static void write_at(void *addr)
{
	__asm__ volatile("movb $0x5a, (%0)" : : "r"(addr) : "memory");
}

static void jump_to(void *addr)
{
	__asm__ volatile("call *%0" : : "r"(addr) : "memory");
}

/* mov $42, %eax; ret: returns normally if it ever executes. */
static const unsigned char ret42[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };

/* exec_on_stack - copy ret42 into a stack buffer and call it. */
static void exec_on_stack(void *unused)
{
	unsigned char code[16];

	(void)unused;
	memcpy(code, ret42, sizeof(ret42));
	__asm__ volatile("" : : "r"(code) : "memory");
	jump_to(code);
}

/* exec_in_data - call ret42 copied into a PROT_READ|PROT_WRITE mmap page (@page). */
static void exec_in_data(void *page)
{
	memcpy(page, ret42, sizeof(ret42));
	jump_to(page);
}

static const struct {
	unsigned long addr;
	const char *what;
} kernel_addrs[] = {
	{ 0xffff888000000000UL, "direct map, physical 0" },
	{ 0xffff888000100000UL, "direct map, physical 1 MiB" },
	{ 0xffff888000200000UL, "direct map, physical 2 MiB (kernel image)" },
	{ 0xffffffff80000000UL, "kernel text base" },
	{ 0xffffffff80100000UL, "kernel text + 1 MiB" },
	{ 0xffffffff80200000UL, "kernel text + 2 MiB" },
	{ 0xffffc90000000000UL, "vmalloc area start" },
	{ 0xfffffffffffff000UL, "last page of the address space" },
	{ 0x0000800000000000UL, "first non-canonical address" },
	{ 0x8000000000000000UL, "non-canonical" },
	{ 0xffff800000000000UL, "first canonical kernel address" },
};

int main(void)
{
	char what[128];
	void *data;
	size_t i;

	for (i = 0; i < sizeof(kernel_addrs) / sizeof(kernel_addrs[0]); i++) {
		void *a = (void *)kernel_addrs[i].addr;

		snprintf(what, sizeof(what), "read %p (%s)", a, kernel_addrs[i].what);
		expect_signal_named(read_at, a, SIGSEGV, what);
		snprintf(what, sizeof(what), "write %p (%s)", a, kernel_addrs[i].what);
		expect_signal_named(write_at, a, SIGSEGV, what);
		snprintf(what, sizeof(what), "jump to %p (%s)", a, kernel_addrs[i].what);
		expect_signal_named(jump_to, a, SIGSEGV, what);
	}

	expect_signal(exec_on_stack, NULL, SIGSEGV);

	data = map_anon(1);
	expect_signal(exec_in_data, data, SIGSEGV);

	/* The same code in an executable mapping does run: the harness itself is sound. */
	{
		void *x = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ASSERT(x != MAP_FAILED, "mmap(PROT_EXEC): %s", strerror(errno));
		memcpy(x, ret42, sizeof(ret42));
		EXPECT_EQ(((int (*)(void))x)(), 42);
	}

	return test_done();
}
