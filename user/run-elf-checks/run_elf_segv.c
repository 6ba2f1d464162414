/*
 * run_elf_segv - a check of tools/run-elf itself (tools/run-user-tests), not a test of the
 * kernel: writes NULL. The kernel kills it with SIGSEGV (11), logs "init killed by signal
 * 11", and run-elf must exit with 128 + 11 = 139, as a shell reports such a program on Linux.
 *
 * Kept out of user/tests/ so that the runner's /tests, where every program must pass, never
 * holds it.
 */
#include <stddef.h>
#include <stdio.h>

int main(void)
{
	/* Both volatile: the compiler may neither drop the store (writing through NULL is
	 * undefined behaviour, so GCC deletes a plain one) nor replace it with a trap
	 * instruction (SIGILL, not SIGSEGV). */
	volatile int *volatile p = NULL;

	printf("run_elf_segv: writing to address 0\n");
	fflush(stdout);
	*p = 1;
	printf("run_elf_segv: still running, the write did not fault\n");
	return 0;
}
