/*
 * run_elf_exit3 - a check of tools/run-elf itself (tools/run-user-tests), not a test of the
 * kernel: writes one line to stdout and one to stderr, then exits with status 3. run-elf must
 * show both lines on its own stdout (COM2 carries fds 1 and 2; the kernel log stays on COM1,
 * so nothing else may appear there), nothing of them on its stderr, and exit with status 3.
 *
 * Kept out of user/tests/ so that the runner's /tests, where every program must pass, never
 * holds it.
 */
#include <stdio.h>

int main(void)
{
	printf("run_elf_exit3: stdout\n");
	fflush(stdout);
	fprintf(stderr, "run_elf_exit3: stderr\n");
	return 3;
}
