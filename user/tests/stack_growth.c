/*
 * stack_growth - the stack grows on demand: deep recursion that uses about 1 MiB of stack,
 * and a 1 MiB alloca() touched from the top down, both work and keep their data.
 *
 * Seed concept: the stack is a VMA with VM_GROWSDOWN. A fault just below it is not an error
 * but a request to extend the VMA downwards (expand_stack) - up to RLIMIT_STACK, 8 MiB - and
 * the new pages are demand-zero like any anonymous memory.
 */
#include "test.h"
#include <alloca.h>

#define FRAME		4096			/* bytes of locals per recursion level */
#define DEPTH		256			/* 256 * 4 KiB = 1 MiB */
#define ALLOCA_SIZE	(1024 * 1024)

/* recurse - use FRAME bytes of stack per level down to @depth; each level fills its frame
 * with its own depth and checks it is still there on the way back up. Returns the number
 * of levels whose frame was intact. noinline and the volatile frame keep every level real. */
static __attribute__((noinline)) int recurse(int depth)
{
	volatile unsigned char frame[FRAME];
	int ok, i;

	for (i = 0; i < FRAME; i += 64)
		frame[i] = (unsigned char)depth;
	ok = depth > 0 ? recurse(depth - 1) : 0;
	for (i = 0; i < FRAME; i += 64)
		if (frame[i] != (unsigned char)depth)
			return ok;
	return ok + 1;
}

/* big_alloca - take ALLOCA_SIZE bytes of stack at once, fill them top down (the order in
 * which a growing stack is touched), and check them. Returns the number of wrong bytes. */
static __attribute__((noinline)) long big_alloca(void)
{
	volatile unsigned char *buf = alloca(ALLOCA_SIZE);
	long bad = 0, i;

	for (i = ALLOCA_SIZE - 1; i >= 0; i -= 512)
		buf[i] = (unsigned char)(i >> 9);
	for (i = ALLOCA_SIZE - 1; i >= 0; i -= 512)
		bad += buf[i] != (unsigned char)(i >> 9);
	return bad;
}

int main(void)
{
	EXPECT_EQ(recurse(DEPTH - 1), DEPTH);
	EXPECT_EQ(big_alloca(), 0);
	/* And again: the stack now already reaches that deep. */
	EXPECT_EQ(recurse(DEPTH - 1), DEPTH);
	return test_done();
}
