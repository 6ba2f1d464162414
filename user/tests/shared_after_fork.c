/*
 * shared_after_fork - MAP_SHARED|MAP_ANONYMOUS memory is one object for parent and child:
 * what the child writes, the parent reads after wait4(), both on a page the parent had
 * touched before fork() and on one that nobody touched until the child wrote it.
 *
 * Seed concept: shared versus private mappings. fork() does not copy-on-write a VM_SHARED
 * VMA; both processes map the same backing pages, and a page first faulted in by the child
 * (do_shared_fault) must come from the shared object, not be private to the child.
 */
#include "test.h"

#define NPAGES	2

int main(void)
{
	unsigned char *p;
	pid_t pid;
	int status;

	p = mmap(NULL, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		 -1, 0);
	ASSERT(p != MAP_FAILED, "mmap(MAP_SHARED|MAP_ANONYMOUS): %s", strerror(errno));

	/* Page 0 is touched before fork; page 1 is left for the child to fault in. */
	memset(p, 0x11, PAGE_SIZE);

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		int bad = peek(p) != 0x11 || peek(p + PAGE_SIZE) != 0;
		memset(p, 0x22, PAGE_SIZE);
		memset(p + PAGE_SIZE, 0x33, PAGE_SIZE);
		_exit(bad);
	}
	status = wait_exit_status(pid);
	EXPECT(status == 0, "child saw wrong data before writing (status %d)", status);

	EXPECT(peek(p) == 0x22 && peek(p + PAGE_SIZE - 1) == 0x22,
	       "parent reads %#x on the page touched before fork, expected 0x22", peek(p));
	EXPECT(peek(p + PAGE_SIZE) == 0x33 && peek(p + 2 * PAGE_SIZE - 1) == 0x33,
	       "parent reads %#x on the page the child faulted in, expected 0x33",
	       peek(p + PAGE_SIZE));

	/* And the other way: a write by the parent is seen by a second child. */
	memset(p, 0x44, PAGE_SIZE);
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(peek(p) != 0x44 || peek(p + PAGE_SIZE) != 0x33);
	EXPECT(wait_exit_status(pid) == 0, "second child did not see the parent's writes");

	munmap(p, NPAGES * PAGE_SIZE);
	return test_done();
}
