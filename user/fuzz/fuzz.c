/*
 * user/fuzz/fuzz.c - Faultline's seeded system-call fuzzer (issue 6), in the spirit of trinity.
 *
 * Usage: fuzz [--seconds N] [--seed S] [--workers W] [--count N] [--no-warmup] [--profile] [--swap-dev DEV]
 * --swap-dev DEV: swap is on DEV (tools/fuzz --swap); it is turned off around each MemFree
 * reading and on again after the warm-up one.
 *
 * A supervisor forks W workers (default 2). Each worker makes system calls with a random
 * number in 0..460 and hostile arguments drawn from pools: NULL, kernel and non-canonical
 * pointers, an unmapped page, read-only and PROT_NONE pages, a buffer that ends at an unmapped
 * page, huge and unaligned lengths, bogus and real fds, random flag words, a fixed pool of
 * paths (every creatable one under /tmp/fuzz/), long argv/envp arrays for execve. Memory
 * calls (mmap, munmap, mprotect, madvise, brk, mremap, fork, read/write into mappings) are
 * weighted higher: the fault path is what matters most. A worker that damages itself just
 * dies; the supervisor respawns it with a seed derived from (seed, slot, generation), so a run
 * is reproducible from its seed (up to timing: which call a stalled worker was killed in).
 *
 * What the fuzzer never does, because it would break the harness rather than test the kernel:
 * signal another process (the pid of kill/tkill/tgkill/rt_sigqueueinfo/rt_tgsigqueueinfo/
 * prlimit64/pidfd_open/process_vm_* is rewritten to the worker's own, or 0 when the worker
 * leads its own process group), reboot, ptrace, exec a real program (execve/execveat get only
 * nonexistent paths or non-ELF files), or change the machine (swapon, kexec, modules, clocks,
 * host names). mount and umount2 are made only on paths under /tmp/fuzz/ (never MS_BIND,
 * MS_MOVE or MS_REMOUNT), and the supervisor detaches whatever got mounted there. The children
 * of fork/vfork/clone exit at once, without touching memory; a CLONE_VM child is always given
 * a stack of its own (a signal delivered to it must not write on the worker's stack).
 *
 * Hostile signal state: rt_sigaction installs handlers and restorers at hostile addresses,
 * sigaltstack gets bad ranges, and rt_sigreturn is made in a forked child on a forged frame
 * laid on a hostile stack (random bytes, a read-only, PROT_NONE or unmapped page, one that
 * runs into an unmapped page, a kernel address): the child must die by SIGSEGV or land where
 * the frame says (a stub that exits), never fault the kernel.
 *
 * System V shared memory: shmget uses a few keys (and IPC_PRIVATE), shmat/shmctl the ids the
 * worker got; every id it made beyond the last eight is removed, and the supervisor removes the
 * segments of workers that are gone, and all of them at the end of a phase, before MemFree is
 * compared.
 *
 * Shared state: one MAP_SHARED anonymous page holds, per worker slot, its call count and the
 * number and arguments of the call it is making, so a hang can be diagnosed.
 *
 * The supervisor: once a second, empties the pool's files if ramfs holds a quarter of memory
 * (ramfs_guard: their pages cannot be swapped). It runs a warm-up phase (2 s), kills and reaps
 * every worker, cleans /tmp/fuzz,
 * reads MemFree; then the real run for N seconds, the same ending, MemFree again: the two must
 * be equal (no leak; "MemFree" counts SReclaimable and the supervisor's own RssAnon too). A worker with no progress for 10 s gets SIGKILL; one still alive 10 s
 * later is a HANG (its last call is printed). If /proc/mmcheck exists it must say "mmcheck: ok".
 * A progress line every 10 s; at the end
 *   fuzz: seed S: N calls in T s (R calls/s), W workers spawned, K killed, H hangs
 * and one KTAP result. Exit status 0 only if there was no hang, no leak (nor a segment left
 * attached), no mmcheck failure.
 *
 * Do not run it on Linux as root: it chmods, renames and truncates what its path pool names.
 * It refuses to, unless the kernel is Faultline.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/swap.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../tests/test.h"	/* read_counter, meminfo_kb */

#define PAGE		4096UL
#define MAX_WORKERS	16
#define NR_MAX		460		/* highest system call number tried */
#define STALL_SECS	10		/* no progress for this long: SIGKILL */
#define KILL_SECS	10		/* still alive this long after SIGKILL: a hang */
#define WARMUP_SECS	2
#define FUZZ_DIR	"/tmp/fuzz"
#define NFILES		8		/* /tmp/fuzz/a ... /tmp/fuzz/h */
#define ARENA_PAGES	128		/* the worker's playground for memory calls */
#define ARGV_MAX	4096		/* entries in an execve argv/envp array */

/* One worker slot in the shared page. Written by the worker, read by the supervisor. */
struct slot {
	volatile unsigned long calls;		/* system calls made, over every generation */
	volatile long nr;			/* the call being made (or last made) */
	volatile unsigned long args[6];
	volatile int in_call;			/* 1 between recording and returning */
};

struct shared {
	struct slot slot[MAX_WORKERS];
	/* --profile: per call number, how many and how long (TSC ticks), over every worker */
	volatile unsigned long prof_count[NR_MAX + 1];
	volatile unsigned long prof_ticks[NR_MAX + 1];
	volatile unsigned long prof_loop_ticks;		/* whole loop iterations */
};

static int profile;

/* rdtsc - the time-stamp counter. */
static inline unsigned long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long)hi << 32) | lo;
}

static struct shared *shared;

/* ---------------------------------------------------------------------------------------- */
/* Random numbers: splitmix64 to derive seeds, xorshift64* for the stream. */

static uint64_t rng_state;

/* splitmix64 - one step of the splitmix64 generator: a well-mixed function of @x. */
static uint64_t splitmix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* derive_seed - the seed of worker @slot's generation @gen in a run seeded @seed. */
static uint64_t derive_seed(uint64_t seed, unsigned int slot, unsigned long gen)
{
	return splitmix64(splitmix64(splitmix64(seed) ^ slot) ^ gen);
}

/* rnd - the next 64 random bits. */
static uint64_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* rn - a random number in [0, @n); @n > 0. */
static unsigned long rn(unsigned long n)
{
	return rnd() % n;
}

/* one_in - true with probability 1/@n. */
static int one_in(unsigned long n)
{
	return rn(n) == 0;
}

#define PICK(arr)	((arr)[rn(sizeof(arr) / sizeof((arr)[0]))])

/* ---------------------------------------------------------------------------------------- */
/* The raw system call. */

/*
 * fuzz_syscall - make system call @nr with six arguments and return rax. If @nr creates a
 * process or thread (clone, fork, vfork, clone3) and this is the child (rax 0), the child
 * calls exit(0) at once, in assembly: it may run on a random stack or share our memory.
 */
static long fuzz_syscall(long nr, unsigned long a1, unsigned long a2, unsigned long a3,
			 unsigned long a4, unsigned long a5, unsigned long a6)
{
	register unsigned long r10 __asm__("r10") = a4;
	register unsigned long r8 __asm__("r8") = a5;
	register unsigned long r9 __asm__("r9") = a6;
	long ret;

	__asm__ volatile(
		"syscall\n\t"
		"test %%rax, %%rax\n\t"
		"jnz 1f\n\t"
		"cmp $56, %[nr]\n\t"
		"je 2f\n\t"
		"cmp $57, %[nr]\n\t"
		"je 2f\n\t"
		"cmp $58, %[nr]\n\t"
		"je 2f\n\t"
		"cmp $435, %[nr]\n\t"
		"jne 1f\n"
		"2:\n\t"
		"mov $60, %%eax\n\t"
		"xor %%edi, %%edi\n\t"
		"syscall\n\t"
		"ud2\n"
		"1:"
		: "=a"(ret)
		: "a"(nr), [nr] "b"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
		: "rcx", "r11", "memory");
	return ret;
}

/* ---------------------------------------------------------------------------------------- */
/* The worker's argument pools. */

static const unsigned long kernel_ptrs[] = {
	0xffff888000000000UL, 0xffffffff80000000UL, 0xffffc90000000000UL,
};
static const unsigned long noncanon_ptrs[] = {
	0x0000800000000000UL, 0x8000000000000000UL, ~0UL,
};
static const unsigned long lengths[] = {
	0, 1, 4095, 4096, 4097, 1UL << 31, 1UL << 40, ~0UL,
};

static struct {
	unsigned char *ro;		/* a PROT_READ page */
	unsigned char *none;		/* a PROT_NONE page */
	unsigned char *unmapped;	/* an unmapped page */
	unsigned char *buf;		/* BUF_PAGES writable pages */
	unsigned char *edge;		/* one writable page followed by an unmapped one */
	unsigned char *arena;		/* ARENA_PAGES for the memory calls */
	unsigned long brk0;		/* the initial program break */
	unsigned long *argv;		/* ARGV_MAX + 1 pointers, ending at an unmapped page */
	unsigned long *envp;
	char *longpath;			/* a 5000-byte path */
	char *ts;			/* a short timespec, for sleeping calls */
	int fds[8];			/* real fds: /dev/null, /dev/zero, pipe r/w, file, dir, maps */
	int nfds;
	pid_t pid;
	unsigned char *cstack;		/* CSTACK_PAGES: the stack of CLONE_VM children */
	int shmids[8];			/* the last ids shmget returned (-1: none) */
	unsigned int nshm;		/* shmget successes so far */
} pool;

#define CSTACK_PAGES	4

#define BUF_PAGES	4

static const char *const fuzz_files[NFILES] = {
	FUZZ_DIR "/a", FUZZ_DIR "/b", FUZZ_DIR "/c", FUZZ_DIR "/d",
	FUZZ_DIR "/e", FUZZ_DIR "/f", FUZZ_DIR "/g", FUZZ_DIR "/h",
};

/* hostile_ptr - a pointer no system call should dereference happily, or a valid one. */
static unsigned long hostile_ptr(void)
{
	switch (rn(12)) {
	case 0:	return 0;
	case 1:	return PICK(kernel_ptrs) + (one_in(2) ? rn(PAGE) : 0);
	case 2:	return PICK(noncanon_ptrs);
	case 3:	return (unsigned long)pool.unmapped + rn(PAGE);
	case 4:	return (unsigned long)pool.ro + (one_in(2) ? 0 : rn(PAGE));
	case 5:	return (unsigned long)pool.none + (one_in(2) ? 0 : rn(PAGE));
	case 6:	return (unsigned long)pool.edge + PAGE - PICK(((const unsigned long[]){ 1, 2, 4, 8, 16, 64, 4096 }));
	case 7:	return (unsigned long)pool.arena + rn(ARENA_PAGES) * PAGE + (one_in(4) ? rn(PAGE) : 0);
	case 8:	return 0x0000800000000000UL - PAGE + rn(PAGE);	/* the last user page */
	case 9:	return rnd();
	default: return (unsigned long)pool.buf + (one_in(2) ? 0 : rn(BUF_PAGES * PAGE));
	}
}

/* gen_ptr - a buffer argument: mostly valid memory, sometimes hostile. */
static unsigned long gen_ptr(void)
{
	if (one_in(3))
		return hostile_ptr();
	if (one_in(3))
		return (unsigned long)pool.arena + rn(ARENA_PAGES) * PAGE + (one_in(4) ? rn(PAGE) : 0);
	return (unsigned long)pool.buf + (one_in(2) ? 0 : rn(BUF_PAGES * PAGE - 64));
}

/* gen_len - a length. */
static unsigned long gen_len(void)
{
	switch (rn(4)) {
	case 0:	return PICK(lengths);
	case 1:	return rn(65);
	case 2:	return rn(4 * PAGE);
	default: return rn(ARENA_PAGES + 1) * PAGE;
	}
}

/* gen_fd - a file descriptor: a real one, a standard one, or a bogus one. */
static unsigned long gen_fd(void)
{
	static const long bogus[] = { -1, 1024, 0x7fffffff, -100 /* AT_FDCWD */, 1023, 4095, 4096,
				      1048575, 1048576, 63, 64, 65, 127, 128 };

	switch (rn(5)) {
	case 0:	return (unsigned long)PICK(bogus);
	case 1:	return rn(16);
	case 2:	return (unsigned long)(long)(int)rnd();
	default: return pool.nfds ? (unsigned long)pool.fds[rn(pool.nfds)] : 0;
	}
}

/* gen_flags - a flag word: zero, one bit, a few bits, or anything. */
static unsigned long gen_flags(void)
{
	switch (rn(5)) {
	case 0:	return 0;
	case 1:	return 1UL << rn(32);
	case 2:	return (rnd() & rnd() & rnd()) & 0xffffffffUL;
	case 3:	return rn(16);
	default: return rnd();
	}
}

/* gen_path - a path from the fixed pool: every creatable one is under /tmp/fuzz/. */
static unsigned long gen_path(void)
{
	switch (rn(12)) {
	case 0:	return (unsigned long)"/";
	case 1:	return (unsigned long)"";
	case 2:	return (unsigned long)"/proc/self/maps";
	case 3:	return (unsigned long)pool.longpath;
	case 4:	return (unsigned long)pool.edge + PAGE - 8;	/* "/tmp/fuz", no NUL, unmapped next */
	case 5:	return (unsigned long)FUZZ_DIR;
	case 6:	return (unsigned long)FUZZ_DIR "/";
	case 7:	return (unsigned long)FUZZ_DIR "/a/../b";
	case 8:	return hostile_ptr() & ~0UL;
	default: return (unsigned long)fuzz_files[rn(NFILES)];
	}
}

/* gen_exec_path - a path execve may be given: nonexistent, or not an ELF file, or hostile. */
static unsigned long gen_exec_path(void)
{
	switch (rn(8)) {
	case 0:	return (unsigned long)FUZZ_DIR "/no-such-program";
	case 1:	return (unsigned long)"/";
	case 2:	return (unsigned long)"";
	case 3:	return (unsigned long)pool.longpath;
	case 4:	return (unsigned long)pool.edge + PAGE - 8;
	case 5:	return (unsigned long)"/proc/self/maps";
	case 6:	return PICK(kernel_ptrs);
	default: return (unsigned long)fuzz_files[rn(NFILES)];
	}
}

/* gen_argv - an argv or envp array in @arr: up to ARGV_MAX entries of pool strings and bad
 * pointers; NULL-terminated, or running to the unmapped page after the array. */
static unsigned long gen_argv(unsigned long *arr)
{
	static const unsigned long counts[] = { 0, 1, 2, 16, 100, 1000, 4000, ARGV_MAX };
	unsigned long n = PICK(counts), i, *start;

	if (one_in(6))
		return hostile_ptr();
	if (one_in(5)) {		/* unterminated: the array ends at the unmapped page */
		start = arr + ARGV_MAX + 1 - n;
		for (i = 0; i < n; i++)
			start[i] = one_in(4) ? (unsigned long)"x" : (unsigned long)pool.longpath;
		return (unsigned long)start;
	}
	for (i = 0; i < n; i++) {
		switch (rn(8)) {
		case 0:	arr[i] = (unsigned long)pool.longpath; break;
		case 1:	arr[i] = hostile_ptr(); break;
		case 2:	arr[i] = (unsigned long)pool.edge + PAGE - 8; break;
		default: arr[i] = (unsigned long)"FUZZ=1"; break;
		}
	}
	arr[n] = 0;
	return (unsigned long)arr;
}

/* gen_addr - an address for a memory call: mostly in the arena, page-aligned. The hostile
 * ones spare the worker's scratch memory (buffer, argv arrays), which it writes itself. */
static unsigned long gen_addr(void)
{
	if (one_in(8)) {
		unsigned long p = hostile_ptr();

		if (p >= (unsigned long)pool.buf && p < (unsigned long)pool.buf + BUF_PAGES * PAGE)
			p = (unsigned long)pool.ro;
		return p;
	}
	if (one_in(10))
		return 0;
	return (unsigned long)pool.arena + rn(ARENA_PAGES) * PAGE + (one_in(8) ? rn(PAGE) : 0);
}

/* gen_mlen - a length for a memory call: mostly a few pages. */
static unsigned long gen_mlen(void)
{
	if (one_in(8))
		return PICK(lengths);
	return (rn(16) + 1) * PAGE + (one_in(8) ? rn(PAGE) : 0);
}

/* gen_prot - protection bits. */
static unsigned long gen_prot(void)
{
	if (one_in(10))
		return gen_flags();
	return rn(8) | (one_in(20) ? 0x01000000UL /* PROT_GROWSDOWN */ : 0);
}

/* gen_mapflags - mmap flags: private or shared, often anonymous, often fixed. */
static unsigned long gen_mapflags(void)
{
	static const unsigned long extra[] = {
		MAP_ANONYMOUS, MAP_FIXED, MAP_FIXED_NOREPLACE, MAP_POPULATE, MAP_GROWSDOWN,
		MAP_NORESERVE, MAP_STACK, MAP_LOCKED, MAP_HUGETLB, MAP_32BIT,
	};
	unsigned long f;

	if (one_in(10))
		return gen_flags();
	f = one_in(3) ? MAP_SHARED : MAP_PRIVATE;
	if (one_in(10))
		f = 0x03 /* MAP_SHARED_VALIDATE */;
	if (!one_in(3))
		f |= MAP_ANONYMOUS;
	if (one_in(2))
		f |= MAP_FIXED;
	if (one_in(4))
		f |= PICK(extra);
	return f;
}

/* gen_advice - a madvise advice value. */
static unsigned long gen_advice(void)
{
	if (one_in(8))
		return gen_flags();
	return PICK(((const unsigned long[]){ 0, 1, 2, 3, 4, 4, 4, 8, 9, 10, 11, 12, 13, 14, 15,
					      16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 100, 101 }));
}

/* gen_pid - a pid for calls that only look (wait4, getpgid, sched_getaffinity, ...). */
static unsigned long gen_pid(void)
{
	switch (rn(5)) {
	case 0:	return 0;
	case 1:	return (unsigned long)-1L;
	case 2:	return (unsigned long)pool.pid;
	case 3:	return rn(64);
	default: return (unsigned long)(long)(int)rnd();
	}
}

/* own_pid - the pid a signal-sending call may name: our own, or 0 if we lead our group. */
static unsigned long own_pid(void)
{
	if (one_in(4) && getpgid(0) == pool.pid)
		return 0;
	return (unsigned long)pool.pid;
}

/* ---------------------------------------------------------------------------------------- */
/* System call signatures: what kind of value each argument is. */

enum arg {
	A_ANY = 0, A_PTR, A_LEN, A_FD, A_FLAGS, A_PATH, A_PID, A_ADDR, A_MLEN, A_PROT, A_MAPFLAGS,
	A_ADVICE, A_SIG, A_INT, A_BRK, A_TS, A_IOV, A_OFF, A_SELF,
};

struct sig {
	short nr;
	unsigned char a[6];
};

#define S(n, ...)	{ n, { __VA_ARGS__ } }
static const struct sig sigs[] = {
	S(0, A_FD, A_PTR, A_LEN),			/* read */
	S(1, A_FD, A_PTR, A_LEN),			/* write */
	S(2, A_PATH, A_FLAGS, A_INT),			/* open */
	S(3, A_FD),					/* close */
	S(4, A_PATH, A_PTR),				/* stat */
	S(5, A_FD, A_PTR),				/* fstat */
	S(6, A_PATH, A_PTR),				/* lstat */
	S(7, A_PTR, A_INT, A_INT),			/* poll: make_args bounds the timeout */
	S(8, A_FD, A_OFF, A_INT),			/* lseek */
	S(9, A_ADDR, A_MLEN, A_PROT, A_MAPFLAGS, A_FD, A_OFF),	/* mmap */
	S(10, A_ADDR, A_MLEN, A_PROT),			/* mprotect */
	S(11, A_ADDR, A_MLEN),				/* munmap */
	S(12, A_BRK),					/* brk */
	S(13, A_SIG, A_PTR, A_PTR, A_INT),		/* rt_sigaction */
	S(14, A_INT, A_PTR, A_PTR, A_INT),		/* rt_sigprocmask */
	S(16, A_FD, A_FLAGS, A_PTR),			/* ioctl */
	S(17, A_FD, A_PTR, A_LEN, A_OFF),		/* pread64 */
	S(18, A_FD, A_PTR, A_LEN, A_OFF),		/* pwrite64 */
	S(19, A_FD, A_IOV, A_INT),			/* readv */
	S(20, A_FD, A_IOV, A_INT),			/* writev */
	S(21, A_PATH, A_INT),				/* access */
	S(22, A_PTR),					/* pipe */
	S(23, A_INT, A_PTR, A_PTR, A_PTR, A_TS),	/* select: gen_ts as the timeval */
	S(25, A_ADDR, A_MLEN, A_MLEN, A_FLAGS, A_ADDR),	/* mremap */
	S(26, A_ADDR, A_MLEN, A_FLAGS),			/* msync */
	S(27, A_ADDR, A_MLEN, A_PTR),			/* mincore */
	S(28, A_ADDR, A_MLEN, A_ADVICE),		/* madvise */
	S(29, A_ANY, A_MLEN, A_FLAGS),			/* shmget: make_args picks the key */
	S(30, A_ANY, A_ADDR, A_FLAGS),			/* shmat */
	S(31, A_ANY, A_INT, A_PTR),			/* shmctl */
	S(32, A_FD),					/* dup */
	S(33, A_FD, A_FD),				/* dup2 */
	S(35, A_TS, A_PTR),				/* nanosleep */
	S(56, A_FLAGS, A_ADDR, A_PTR, A_PTR, A_ANY),	/* clone */
	S(61, A_PID, A_PTR, A_FLAGS, A_PTR),		/* wait4 */
	S(63, A_PTR),					/* uname */
	S(67, A_ADDR),					/* shmdt */
	S(72, A_FD, A_INT, A_ANY),			/* fcntl */
	S(74, A_FD),					/* fsync */
	S(76, A_PATH, A_OFF),				/* truncate */
	S(77, A_FD, A_OFF),				/* ftruncate */
	S(78, A_FD, A_PTR, A_LEN),			/* getdents */
	S(79, A_PTR, A_LEN),				/* getcwd */
	S(80, A_PATH),					/* chdir */
	S(81, A_FD),					/* fchdir */
	S(82, A_PATH, A_PATH),				/* rename */
	S(83, A_PATH, A_INT),				/* mkdir */
	S(84, A_PATH),					/* rmdir */
	S(85, A_PATH, A_INT),				/* creat */
	S(86, A_PATH, A_PATH),				/* link */
	S(87, A_PATH),					/* unlink */
	S(88, A_PATH, A_PATH),				/* symlink */
	S(89, A_PATH, A_PTR, A_LEN),			/* readlink */
	S(90, A_PATH, A_INT),				/* chmod */
	S(91, A_FD, A_INT),				/* fchmod */
	S(92, A_PATH, A_INT, A_INT),			/* chown */
	S(96, A_PTR, A_PTR),				/* gettimeofday */
	S(97, A_INT, A_PTR),				/* getrlimit */
	S(98, A_INT, A_PTR),				/* getrusage */
	S(99, A_PTR),					/* sysinfo */
	S(105, A_INT),					/* setuid */
	S(106, A_INT),					/* setgid */
	S(109, A_PID, A_PID),				/* setpgid */
	S(113, A_INT, A_INT),				/* setreuid */
	S(114, A_INT, A_INT),				/* setregid */
	S(115, A_INT, A_PTR),				/* getgroups */
	S(116, A_INT, A_PTR),				/* setgroups */
	S(117, A_INT, A_INT, A_INT),			/* setresuid */
	S(118, A_PTR, A_PTR, A_PTR),			/* getresuid */
	S(119, A_INT, A_INT, A_INT),			/* setresgid */
	S(120, A_PTR, A_PTR, A_PTR),			/* getresgid */
	S(121, A_PID),					/* getpgid */
	S(122, A_INT),					/* setfsuid */
	S(123, A_INT),					/* setfsgid */
	S(124, A_PID),					/* getsid */
	S(131, A_PTR, A_PTR),				/* sigaltstack */
	S(133, A_PATH, A_INT, A_INT),			/* mknod */
	S(135, A_INT),					/* personality */
	S(149, A_ADDR, A_MLEN),				/* mlock */
	S(150, A_ADDR, A_MLEN),				/* munlock */
	S(151, A_FLAGS),				/* mlockall: MCL_FUTURE locks (and
							 * populates) the worker's later mmaps */
	S(152),						/* munlockall */
	S(158, A_INT, A_PTR),				/* arch_prctl */
	S(160, A_INT, A_PTR),				/* setrlimit */
	S(165, A_PATH, A_PATH, A_PTR, A_FLAGS, A_PTR),	/* mount: make_args confines it */
	S(166, A_PATH, A_FLAGS),			/* umount2: make_args confines it */
	S(201, A_PTR),					/* time */
	S(202, A_PTR, A_INT, A_INT, A_TS, A_PTR, A_INT),	/* futex */
	S(203, A_PID, A_LEN, A_PTR),			/* sched_setaffinity */
	S(204, A_PID, A_LEN, A_PTR),			/* sched_getaffinity */
	S(217, A_FD, A_PTR, A_LEN),			/* getdents64 */
	S(218, A_PTR),					/* set_tid_address */
	S(228, A_INT, A_PTR),				/* clock_gettime */
	S(229, A_INT, A_PTR),				/* clock_getres */
	S(230, A_INT, A_FLAGS, A_TS, A_PTR),		/* clock_nanosleep */
	S(257, A_FD, A_PATH, A_FLAGS, A_INT),		/* openat */
	S(262, A_FD, A_PATH, A_PTR, A_FLAGS),		/* newfstatat */
	S(263, A_FD, A_PATH, A_FLAGS),			/* unlinkat */
	S(269, A_FD, A_PATH, A_INT, A_FLAGS),		/* faccessat */
	S(270, A_INT, A_PTR, A_PTR, A_PTR, A_TS, A_PTR),	/* pselect6 */
	S(271, A_PTR, A_INT, A_TS, A_PTR, A_INT),	/* ppoll */
	S(292, A_FD, A_FD, A_FLAGS),			/* dup3 */
	S(293, A_PTR, A_FLAGS),				/* pipe2 */
	S(295, A_FD, A_IOV, A_INT, A_OFF),		/* preadv */
	S(296, A_FD, A_IOV, A_INT, A_OFF),		/* pwritev */
	S(302, A_SELF, A_INT, A_PTR, A_PTR),		/* prlimit64: never another process's */
	S(318, A_PTR, A_LEN, A_FLAGS),			/* getrandom */
	S(319, A_PTR, A_FLAGS),				/* memfd_create */
	S(325, A_ADDR, A_MLEN, A_FLAGS),		/* mlock2 */
	S(435, A_PTR, A_LEN),				/* clone3 */
};

/* The calls weighted higher: the fault path is what matters most. */
static const short mem_calls[] = {
	9, 9, 9, 11, 11, 10, 10, 28, 28, 12, 25, 27, 26, 57, 0, 1, 17, 18, 19, 20, 1, 0,
	15, 13, 131, 30, 67,
};

/* Never made: they would break the harness or the host rather than test the kernel. */
static const short denied[] = {
	101,		/* ptrace: could stop the supervisor */
	34, 130, 128,	/* pause, rt_sigsuspend, rt_sigtimedwait: they wait for a signal no worker is
			 * sent, so each would only stall a worker for 10 s (tests: sig_suspend,
			 * sig_timedwait) */
	153,		/* vhangup */
	155,		/* pivot_root */
	161,		/* chroot: the path pool would stop meaning anything */
	164, 227, 305, 159,	/* settimeofday, clock_settime, clock_adjtime, adjtimex */
	167, 168,	/* swapon, swapoff */
	169,		/* reboot */
	170, 171,	/* sethostname, setdomainname */
	172, 173,	/* iopl, ioperm */
	175, 176, 313,	/* init_module, delete_module, finit_module */
	163,		/* acct */
	179,		/* quotactl */
	246, 320,	/* kexec_load, kexec_file_load */
	310, 311,	/* process_vm_readv/writev: other processes' memory */
	272, 308,	/* unshare, setns */
	298,		/* perf_event_open */
	321,		/* bpf */
	428, 429, 430, 431, 432, 433, 442,	/* new mount API */
	425, 426, 427,	/* io_uring */
};

/* sig_of - the signature of @nr, or NULL if it has none (every argument A_ANY). */
static const struct sig *sig_of(long nr)
{
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigs[i].nr == nr)
			return &sigs[i];
	return NULL;
}

/* is_denied - true if @nr is on the deny list. */
static int is_denied(long nr)
{
	for (size_t i = 0; i < sizeof(denied) / sizeof(denied[0]); i++)
		if (denied[i] == nr)
			return 1;
	return 0;
}

/* gen_iov - an iovec array in the buffer: entries pointing at pool buffers. */
static unsigned long gen_iov(void)
{
	unsigned long *iov;
	int i, n;

	if (one_in(6))
		return hostile_ptr();
	iov = (unsigned long *)(pool.buf + (BUF_PAGES - 1) * PAGE);
	n = (int)rn(16);
	for (i = 0; i < n; i++) {
		iov[2 * i] = gen_ptr();
		iov[2 * i + 1] = one_in(4) ? gen_len() : rn(256);
	}
	return (unsigned long)iov;
}

/* short_ts - a timespec (or, read as a timeval, a time) of under 20 ms in the pool. */
static unsigned long short_ts(void)
{
	long *ts = (long *)pool.ts;

	ts[0] = 0;
	ts[1] = (long)rn(20000);
	return (unsigned long)ts;
}

/* gen_ts - a timespec pointer: mostly a short sleep, sometimes whatever the pools give. */
static unsigned long gen_ts(void)
{
	long *ts = (long *)pool.ts;

	if (one_in(4))
		return hostile_ptr();
	ts[0] = 0;
	ts[1] = (long)rn(2000000);	/* up to 2 ms */
	if (one_in(20))
		ts[1] = (long)rnd();	/* invalid nanoseconds */
	return (unsigned long)ts;
}

/* gen_arg - a value of kind @kind. */
static unsigned long gen_arg(int kind)
{
	if (kind != A_ANY && kind != A_BRK && kind != A_SELF && one_in(12))
		return one_in(2) ? hostile_ptr() : gen_flags();
	switch (kind) {
	case A_PTR:	return gen_ptr();
	case A_LEN:	return gen_len();
	case A_FD:	return gen_fd();
	case A_FLAGS:	return gen_flags();
	case A_PATH:	return gen_path();
	case A_PID:	return gen_pid();
	case A_ADDR:	return gen_addr();
	case A_MLEN:	return gen_mlen();
	case A_PROT:	return gen_prot();
	case A_MAPFLAGS: return gen_mapflags();
	case A_ADVICE:	return gen_advice();
	case A_SIG:	return rn(66);
	case A_INT:	return one_in(4) ? (unsigned long)(long)(int)rnd() : rn(16);
	case A_BRK:
		if (one_in(8))
			return one_in(2) ? 0 : hostile_ptr();
		return pool.brk0 + (rn(80) - 8) * PAGE + (one_in(4) ? rn(PAGE) : 0);
	case A_TS:	return gen_ts();
	case A_IOV:	return gen_iov();
	case A_OFF:	return one_in(3) ? PICK(lengths) : rn(8) * PAGE + (one_in(3) ? rn(PAGE) : 0);
	case A_SELF:	return one_in(2) ? 0 : (unsigned long)pool.pid;	/* this worker only */
	default:
		switch (rn(7)) {
		case 0:	return gen_ptr();
		case 1:	return gen_len();
		case 2:	return gen_fd();
		case 3:	return gen_flags();
		case 4:	return hostile_ptr();
		case 5:	return gen_path();
		default: return rn(64);
		}
	}
}

/* gen_self_sig - a signal to send ourselves: mostly one that does not kill (0, SIGCHLD,
 * SIGURG, SIGWINCH, SIGCONT), sometimes any number (the worker dies and is respawned). */
static unsigned long gen_self_sig(void)
{
	if (one_in(8))
		return rn(70);
	return PICK(((const unsigned long[]){ 0, SIGCHLD, SIGURG, SIGWINCH, SIGCONT }));
}

/* gen_shmid - a System V shared memory id: one this worker got, or a bogus one. */
static unsigned long gen_shmid(void)
{
	if (pool.nshm && !one_in(6)) {
		int id = pool.shmids[rn(pool.nshm < 8 ? pool.nshm : 8)];

		if (id >= 0)
			return (unsigned long)id;
	}
	return PICK(((const unsigned long[]){ 0, 1, (unsigned long)-1L, 32768, 0x7fffffff,
					      (unsigned long)(long)(int)rnd() }));
}

/* cstack_top - the top of the stack CLONE_VM children get (they exit at once, so one will do). */
static unsigned long cstack_top(void)
{
	return (unsigned long)pool.cstack + CSTACK_PAGES * PAGE - 64;
}

/* fuzz_path - a path under /tmp/fuzz (mount and umount2 act nowhere else), or a hostile one. */
static unsigned long fuzz_path(void)
{
	switch (rn(6)) {
	case 0:	return (unsigned long)FUZZ_DIR;
	case 1:	return hostile_ptr();
	case 2:	return (unsigned long)pool.longpath;
	default: return (unsigned long)fuzz_files[rn(NFILES)];
	}
}

/* make_args - choose the arguments of @nr in @a, then rewrite those that must not escape the
 * worker: pids of signal-sending calls, execve's program, mount points, clone stacks. */
static void make_args(long nr, unsigned long a[6])
{
	const struct sig *s = sig_of(nr);
	int i;

	for (i = 0; i < 6; i++)
		a[i] = gen_arg(s ? s->a[i] : A_ANY);
	if (s)
		for (i = 0; i < 6; i++)
			if (s->a[i] == A_ANY && i > 0 && s->a[i - 1] == A_ANY && one_in(2))
				a[i] = 0;

	switch (nr) {
	case 59:	/* execve */
		a[0] = gen_exec_path();
		a[1] = gen_argv(pool.argv);
		a[2] = gen_argv(pool.envp);
		break;
	case 322:	/* execveat: no AT_EMPTY_PATH (0x1000), or it would run an fd */
		a[0] = gen_fd();
		a[1] = gen_exec_path();
		a[2] = gen_argv(pool.argv);
		a[3] = gen_argv(pool.envp);
		a[4] &= ~0x1000UL;
		break;
	case 62:	/* kill */
	case 200:	/* tkill */
	case 129:	/* rt_sigqueueinfo */
	case 434:	/* pidfd_open */
	case 302:	/* prlimit64 */
		a[0] = own_pid();
		if (nr == 200)
			a[0] = (unsigned long)pool.pid;
		if (nr == 62 || nr == 200 || nr == 129)
			a[1] = gen_self_sig();
		break;
	case 234:	/* tgkill */
	case 297:	/* rt_tgsigqueueinfo */
		a[0] = (unsigned long)pool.pid;
		a[1] = (unsigned long)pool.pid;
		a[2] = gen_self_sig();
		break;
	case 13:	/* rt_sigaction: a handler that is not garbage, mostly; SIGCHLD comes often */
		if (!one_in(8)) {
			unsigned long *act = (unsigned long *)(pool.buf + (BUF_PAGES - 1) * PAGE + 2048);

			act[0] = PICK(((const unsigned long[]){ (unsigned long)SIG_DFL,
				(unsigned long)SIG_IGN, (unsigned long)SIG_IGN, 0x1000 }));
			act[1] = gen_flags() & ~0x04000000UL;	/* no SA_RESTORER */
			act[2] = 0;
			act[3] = rnd();
			if (one_in(3)) {	/* hostile handler and restorer: delivery must fail cleanly */
				act[0] = hostile_ptr() | 8;
				act[1] = 0x04000000UL | (one_in(2) ? 0x08000000UL /* SA_ONSTACK */ : 0) |
					 (gen_flags() & 0x50000000UL);	/* SA_NODEFER, SA_RESTART */
				act[2] = one_in(4) ? 0 : hostile_ptr();
			}
			a[1] = (unsigned long)act;
			a[3] = 8;
		}
		break;
	case 131:	/* sigaltstack: bad ranges and flags */
		if (!one_in(6)) {
			unsigned long *ss = (unsigned long *)(pool.buf + (BUF_PAGES - 1) * PAGE + 2560);

			ss[0] = one_in(3) ? (unsigned long)pool.arena + rn(ARENA_PAGES) * PAGE : hostile_ptr();
			ss[1] = PICK(((const unsigned long[]){ 0, 0, 1 /* SS_ONSTACK */, 2 /* SS_DISABLE */,
							       0x80000000UL /* SS_AUTODISARM */, rnd() }));
			ss[2] = PICK(((const unsigned long[]){ 0, 2047, 2048, 8192, 65536, 1UL << 40, ~0UL,
							       ~0UL - 4095 }));
			a[0] = (unsigned long)ss;
		}
		break;
	case 56:	/* clone: a CLONE_VM child never runs on the worker's stack */
		if ((a[0] & 0x100 /* CLONE_VM */) && (!a[1] || !one_in(4)))
			a[1] = cstack_top();
		break;
	case 435:	/* clone3: struct clone_args, often a sensible one */
		if (!one_in(4)) {
			unsigned long *ca = (unsigned long *)(pool.buf + (BUF_PAGES - 1) * PAGE + 3072);

			for (int k = 0; k < 11; k++)
				ca[k] = one_in(2) ? 0 : hostile_ptr();
			ca[0] = gen_flags() & 0xffffffffUL;
			ca[4] = one_in(4) ? rn(70) : SIGCHLD;		/* exit_signal */
			if ((ca[0] & 0x100) || one_in(2)) {		/* CLONE_VM: a stack */
				ca[5] = (unsigned long)pool.cstack;
				ca[6] = CSTACK_PAGES * PAGE - 64;
			}
			ca[8] = 0;					/* set_tid */
			ca[9] = one_in(8) ? rn(4) : 0;			/* set_tid_size */
			a[0] = (unsigned long)ca;
			a[1] = PICK(((const unsigned long[]){ 64, 80, 88, 88, 0, 8, 4096 }));
		}
		break;
	case 7:		/* poll: since poll waits as Linux's (fs/select.c), a random timeout of
			 * days stalled the worker until the supervisor's SIGKILL (seed 1, 200 s:
			 * 37 such kills, mostly in poll, select and pselect6, so 370 of 400
			 * worker-seconds lost, 905 calls/s); now up to 15 ms, rarely a random int */
		if (!one_in(64))
			a[2] = rn(16);
		break;
	case 23:	/* select, pselect6, ppoll: gen_ts's hostile pointers include NULL (wait */
	case 270:	/* for ever) and random words (days): mostly a short timeout instead */
	case 271:
		if (!one_in(16))
			a[nr == 271 ? 2 : 4] = short_ts();
		break;
	case 72:	/* fcntl: duplication near the descriptor limit, pipe sizes */
		if (!one_in(3)) {
			a[1] = PICK(((const unsigned long[]){ 0 /* F_DUPFD */, 1030 /* F_DUPFD_CLOEXEC */,
				1031 /* F_SETPIPE_SZ */, 1032 /* F_GETPIPE_SZ */, 1031, 1, 2, 3, 4 }));
			if (a[1] == 1031)
				a[2] = PICK(((const unsigned long[]){ 0, 1, 4096, 8192, 65536, 1 << 20,
								      2 << 20, 1UL << 31, (1UL << 31) + 1,
								      ~0UL, 12345 }));
			else if (a[1] == 0 || a[1] == 1030)
				a[2] = gen_fd();
		}
		break;
	case 29:	/* shmget: a few keys, so workers find each other's segments */
		a[0] = one_in(3) ? 0 /* IPC_PRIVATE */ :
		       one_in(10) ? (unsigned long)(long)(int)rnd() : 0x46f00000UL + rn(8);
		if (!one_in(4))
			a[2] = (one_in(2) ? 01000 /* IPC_CREAT */ : 0) | (one_in(4) ? 02000 : 0) |
			       (one_in(8) ? 04000 /* SHM_HUGETLB */ : 0) | rn(01000);
		break;
	case 30:	/* shmat */
		a[0] = gen_shmid();
		if (one_in(2))
			a[1] = 0;
		if (!one_in(4))
			a[2] = PICK(((const unsigned long[]){ 0, 010000 /* SHM_RDONLY */, 020000 /* SHM_RND */,
				040000 /* SHM_REMAP */, 0100000 /* SHM_EXEC */, 060000, 030000 }));
		break;
	case 31:	/* shmctl */
		a[0] = one_in(4) ? rn(8) : gen_shmid();
		a[1] = PICK(((const unsigned long[]){ 0 /* IPC_RMID */, 1 /* IPC_SET */, 2 /* IPC_STAT */,
			2, 3 /* IPC_INFO */, 11, 12, 13 /* SHM_STAT */, 14 /* SHM_INFO */, 15, 0x102,
			(unsigned long)(long)(int)rnd() }));
		break;
	case 165:	/* mount: only on /tmp/fuzz, never a bind, move or remount */
		a[1] = fuzz_path();
		a[2] = one_in(4) ? hostile_ptr() :
		       (unsigned long)PICK(((const char *const[]){ "ramfs", "tmpfs", "proc", "ext2",
								  "sysfs", "devtmpfs", "bogus", "" }));
		a[3] &= ~(0x1000UL | 0x2000UL | 0x20UL);	/* MS_BIND, MS_MOVE, MS_REMOUNT */
		break;
	case 166:	/* umount2: only on /tmp/fuzz */
		a[0] = fuzz_path();
		break;
	case 158:	/* arch_prctl: ARCH_SET_FS would take libc's thread pointer away */
		if (a[0] == 0x1002)
			a[0] = 0x1003;
		break;
	case 202:	/* futex: a FUTEX_WAIT without timeout on a matching word never ends */
		if (!one_in(3))		/* the operations, private or not, on hostile words */
			a[1] = PICK(((const unsigned long[]){ 0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 })) |
			       (one_in(2) ? 128 /* FUTEX_PRIVATE_FLAG */ : 0) |
			       (one_in(8) ? 256 /* FUTEX_CLOCK_REALTIME */ : 0);
		if (one_in(3))
			a[0] = hostile_ptr() | (one_in(4) ? 1 : 0);
		if (!one_in(20))
			a[2] = 0x5a5a5a5aUL;
		/* Waits (WAIT, LOCK_PI, WAIT_BITSET, WAIT_REQUEUE_PI, LOCK_PI2) always time out:
		 * a PI lock owned by a dead worker would otherwise wait for ever. */
		if ((a[1] & 127) == 0 || (a[1] & 127) == 6 || (a[1] & 127) == 9 ||
		    (a[1] & 127) == 11 || (a[1] & 127) == 13)
			a[3] = gen_ts();
		if (!a[3])
			a[3] = (unsigned long)pool.ts;
		break;
	case 424:	/* pidfd_send_signal: only to a pidfd of our own (pidfd_open above) */
		a[0] = gen_fd();
		break;
	}
}

/* ---------------------------------------------------------------------------------------- */
/* The worker. */

/* map_or_die - mmap @len bytes with @prot, private anonymous; exit the worker on failure. */
static unsigned char *map_or_die(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(111);
	return p;
}

/* worker_setup - fds 0-2 to /dev/null, own process group, the pools. */
static void worker_setup(void)
{
	int fd, p[2];
	unsigned char *m;
	size_t argv_bytes = (ARGV_MAX + 1) * sizeof(unsigned long);
	size_t argv_len = (argv_bytes + PAGE - 1) / PAGE * PAGE;

	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	pool.pid = getpid();
	setpgid(0, 0);
	for (int i = 1; i < 65; i++)
		if (i != SIGKILL && i != SIGSTOP)
			signal(i, SIG_DFL);

	pool.ro = map_or_die(PAGE, PROT_READ);
	pool.none = map_or_die(PAGE, PROT_NONE);
	pool.unmapped = map_or_die(PAGE, PROT_READ);
	munmap(pool.unmapped, PAGE);
	pool.buf = map_or_die(BUF_PAGES * PAGE, PROT_READ | PROT_WRITE);
	m = map_or_die(2 * PAGE, PROT_READ | PROT_WRITE);
	munmap(m + PAGE, PAGE);
	pool.edge = m;
	memcpy(pool.edge + PAGE - 8, "/tmp/fuz", 8);
	/* 32 pages of padding above the arena take the memory calls that run past its end */
	pool.arena = map_or_die((ARENA_PAGES + 32) * PAGE, PROT_READ | PROT_WRITE);
	/* argv and envp: each ends exactly at an unmapped page */
	m = map_or_die(argv_len + PAGE, PROT_READ | PROT_WRITE);
	munmap(m + argv_len, PAGE);
	pool.argv = (unsigned long *)(m + argv_len - argv_bytes);
	m = map_or_die(argv_len + PAGE, PROT_READ | PROT_WRITE);
	munmap(m + argv_len, PAGE);
	pool.envp = (unsigned long *)(m + argv_len - argv_bytes);
	m = map_or_die(2 * PAGE, PROT_READ | PROT_WRITE);
	pool.longpath = (char *)m;
	memcpy(m, FUZZ_DIR "/", sizeof(FUZZ_DIR));
	memset(m + sizeof(FUZZ_DIR), 'x', 5000 - sizeof(FUZZ_DIR));
	for (int i = 100; i < 5000; i += 100)
		m[i] = '/';
	m[5000] = '\0';
	pool.ts = (char *)m + 6000;
	pool.brk0 = (unsigned long)syscall(SYS_brk, 0);
	pool.cstack = map_or_die(CSTACK_PAGES * PAGE, PROT_READ | PROT_WRITE);
	pool.nshm = 0;
	for (int i = 0; i < 8; i++)
		pool.shmids[i] = -1;

	pool.nfds = 0;
	if ((fd = open("/dev/null", O_RDWR)) >= 0)
		pool.fds[pool.nfds++] = fd;
	if ((fd = open("/dev/zero", O_RDWR)) >= 0)
		pool.fds[pool.nfds++] = fd;
	if (pipe2(p, O_NONBLOCK) == 0) {
		pool.fds[pool.nfds++] = p[0];
		pool.fds[pool.nfds++] = p[1];
	}
	if ((fd = open(fuzz_files[rn(NFILES)], O_RDWR | O_CREAT, 0644)) >= 0)
		pool.fds[pool.nfds++] = fd;
	if ((fd = open("/", O_RDONLY | O_DIRECTORY)) >= 0)
		pool.fds[pool.nfds++] = fd;
	if ((fd = open("/proc/self/maps", O_RDONLY)) >= 0)
		pool.fds[pool.nfds++] = fd;
}

/* pick_nr - the next system call number: weighted towards memory calls. */
static long pick_nr(void)
{
	long nr;

	do {
		if (one_in(3))
			nr = PICK(mem_calls);
		else
			nr = (long)rn(NR_MAX + 1);
	} while (is_denied(nr));
	return nr;
}

/* The landing place of a forged rt_sigreturn frame: exit(0) without touching the stack. */
__asm__(".text\n"
	".globl fuzz_forged_landing\n"
	"fuzz_forged_landing:\n\t"
	"mov $60, %eax\n\t"
	"xor %edi, %edi\n\t"
	"syscall\n\t"
	"ud2\n");
extern char fuzz_forged_landing[];

/* forge_frame - lay a forged ucontext (what rt_sigreturn reads at rsp) at @uc: random bytes,
 * mostly with the fields that decide where the child lands made sane - rip at the landing
 * stub, a stack of its own, user segments, SIGALRM unblocked - and sometimes not. */
static void forge_frame(unsigned long *uc)
{
	unsigned char *mc = (unsigned char *)uc + 40;		/* struct sigcontext */

	for (int i = 0; i < 48; i++)
		uc[i] = one_in(3) ? 0 : rnd();
	if (one_in(5))
		return;						/* all garbage */
	*(unsigned long *)(mc + 16 * 8) = one_in(6) ? hostile_ptr() : (unsigned long)fuzz_forged_landing;
	*(unsigned long *)(mc + 15 * 8) = one_in(6) ? hostile_ptr() : cstack_top();
	*(unsigned long *)(mc + 17 * 8) = one_in(4) ? rnd() : 0x202;	/* eflags */
	*(unsigned short *)(mc + 144) = one_in(6) ? (unsigned short)rnd() : 0x33;	/* cs */
	*(unsigned short *)(mc + 150) = one_in(6) ? (unsigned short)rnd() : 0x2b;	/* ss */
	*(unsigned long *)(mc + 184) = PICK(((const unsigned long[]){ 0, 0, 0, 8, rnd() }))
				       ? hostile_ptr() : 0;			/* fpstate */
	uc[37] = one_in(4) ? rnd() & ~(1UL << (SIGALRM - 1)) : 0;		/* uc_sigmask */
}

/*
 * forged_sigreturn - rt_sigreturn on a forged frame laid on a hostile stack, in a forked child
 * (the worker's own registers must survive). The child lands in the stub and exits, or dies of
 * a signal; alarm(2) ends it if it lands anywhere else.
 */
static void forged_sigreturn(void)
{
	unsigned long sp;
	pid_t pid = fork();
	int st;

	if (pid != 0) {
		if (pid > 0)
			wait4(pid, &st, __WALL, NULL);
		return;
	}
	signal(SIGALRM, SIG_DFL);
	alarm(2);
	switch (rn(10)) {
	case 0:	sp = (unsigned long)pool.ro + (rn(PAGE) & ~7UL); break;
	case 1:	sp = (unsigned long)pool.none + (rn(PAGE) & ~7UL); break;
	case 2:	sp = (unsigned long)pool.unmapped + (rn(PAGE) & ~7UL); break;
	case 3:	sp = (unsigned long)pool.edge + PAGE - 8 * (1 + rn(64));	/* runs off the end */
		forge_frame((unsigned long *)((unsigned long)pool.edge + PAGE - 48 * 8));
		break;
	case 4:	sp = PICK(kernel_ptrs) + (rn(PAGE) & ~7UL); break;
	case 5:	sp = PICK(noncanon_ptrs) & ~7UL; break;
	default:
		sp = (unsigned long)pool.buf + (rn(BUF_PAGES * PAGE - 48 * 8) & ~(one_in(4) ? 0UL : 15UL));
		forge_frame((unsigned long *)sp);
		break;
	}
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "mov $15, %%eax\n\t"
			 "syscall\n\t"
			 "ud2" : : "r"(sp) : "memory");
	__builtin_unreachable();
}

/* touch_arena - read or write random arena pages from user mode: the page-fault path without
 * a system call. Done in a forked child, since a fault on a page the worker unmapped or
 * protected is fatal (and Faultline has no signal handlers to recover with): the fork is one
 * more COW test, and the child's death is its own. */
static void touch_arena(void)
{
	volatile unsigned char *p = pool.arena + rn(ARENA_PAGES) * PAGE + rn(PAGE);
	int write = one_in(2), st;
	pid_t pid = fork();

	if (pid == 0) {
		for (int i = 0; i < 8; i++, p += PAGE / 2) {
			if ((unsigned char *)p >= pool.arena + ARENA_PAGES * PAGE)
				break;
			if (write)
				*p = (unsigned char)i;
			else
				(void)*p;
		}
		_exit(0);
	}
	if (pid > 0)
		wait4(pid, &st, __WALL, NULL);
}

/* nonblock_fds - set O_NONBLOCK on fds 0..63: a read from an empty pipe (or a write to a
 * full one) would block the worker until the supervisor kills it, which tests nothing. */
static void nonblock_fds(void)
{
	for (int fd = 0; fd < 64; fd++) {
		int fl = fcntl(fd, F_GETFL);

		if (fl >= 0 && !(fl & O_NONBLOCK))
			fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	}
}

/* remember_shmid - keep @id among the last eight ids shmget gave; the one it pushes out is
 * removed, so a worker holds few segments (they outlive it otherwise). */
static void remember_shmid(int id)
{
	int *slot = &pool.shmids[pool.nshm % 8];

	for (int i = 0; i < 8; i++)
		if (pool.shmids[i] == id)
			return;
	if (*slot >= 0)
		syscall(SYS_shmctl, *slot, IPC_RMID, NULL);
	*slot = id;
	pool.nshm++;
}

/* worker_main - the worker of slot @s with seed @seed: set up, then call until killed. */
static void __attribute__((noreturn)) worker_main(int s, uint64_t seed)
{
	struct slot *sl = &shared->slot[s];
	unsigned long a[6];
	long nr, ret;
	int i;

	unsigned long t_loop = rdtsc();

	rng_state = seed | 1;
	worker_setup();
	for (;;) {
		if (profile) {
			unsigned long t1 = rdtsc();

			shared->prof_loop_ticks += t1 - t_loop;
			t_loop = t1;
		}
		if (one_in(40)) {
			touch_arena();
			continue;
		}
		nr = pick_nr();
		if (nr == 15) {			/* rt_sigreturn: only on a forged frame, in a child */
			sl->nr = nr;
			sl->in_call = 1;
			forged_sigreturn();
			sl->in_call = 0;
			if (profile)
				shared->prof_count[15]++;
			sl->calls++;
			continue;
		}
		make_args(nr, a);
		sl->nr = nr;
		for (i = 0; i < 6; i++)
			sl->args[i] = a[i];
		sl->in_call = 1;
		if (profile) {
			unsigned long t0 = rdtsc();

			ret = fuzz_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
			shared->prof_ticks[nr] += rdtsc() - t0;
			shared->prof_count[nr]++;
		} else {
			ret = fuzz_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		}
		sl->in_call = 0;
		sl->calls++;
		if (ret >= 0 && (nr == 22 || nr == 293 || nr == 72 || nr == 33 || nr == 292))
			nonblock_fds();
		if (nr == 29 && ret >= 0)
			remember_shmid((int)ret);
		if ((nr == 56 || nr == 57 || nr == 58 || nr == 435) && ret > 0) {
			int st;
			/* reap what we made; children of CLONE_THREAD are not ours to wait for */
			while (wait4(-1, &st, WNOHANG | __WALL, NULL) > 0)
				;
		}
	}
}

/* ---------------------------------------------------------------------------------------- */
/* The supervisor. */

/* kill_others - SIGKILL every process /proc lists but this one (kill(-1) is not there yet);
 * returns how many there were. */
static int kill_others(void)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)) != NULL) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);

		if (*end || pid <= 1 || pid == getpid())
			continue;
		if (kill((pid_t)pid, SIGKILL) == 0)
			n++;
	}
	closedir(d);
	return n;
}

struct wstate {
	pid_t pid;			/* 0: slot empty */
	unsigned long gen;
	unsigned long last_calls;
	unsigned long counted_calls;	/* the slot's counter at the supervisor's last count */
	double last_progress;		/* when calls last changed */
	double killed_at;		/* 0, or when we sent SIGKILL for a stall */
	int hung;			/* reported as a hang; not respawned */
};

static struct {
	uint64_t seed;
	int nworkers;
	double seconds;
	unsigned long count;		/* stop after this many calls; 0: no limit */
	int warmup;
	struct wstate w[MAX_WORKERS];
	unsigned long spawned, killed, hangs;
	unsigned long calls_counted, corrupt_counters;
	unsigned long deaths[129];	/* how workers ended: exit status 0..63 (64: more), 64 + signal */
	int faultline;
} sv;

/* now - seconds on the monotonic clock. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* sleep_ms - sleep @ms milliseconds, or less if a signal (SIGCHLD: a worker died) comes. */
static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* on_sigchld - does nothing: its only job is to cut the supervisor's sleep short. */
static void on_sigchld(int sig)
{
	(void)sig;
}

/*
 * Counting calls. Each worker counts its own calls in its slot of the shared page; but a
 * worker can scribble over its own memory (a vfork child runs on its parent's stack, a random
 * read() can land anywhere the worker may write), and its slot is such memory. So the
 * supervisor adds up per-slot increments itself and refuses an implausible one: a counter
 * that went backwards or jumped by more than a worker can do between two looks (every
 * 100 ms) is reported once and skipped, not summed.
 */
#define MAX_CALLS_PER_LOOK	1000000UL

/* account_calls - add every slot's progress since the last look to sv.calls_counted. */
static void account_calls(void)
{
	for (int i = 0; i < sv.nworkers; i++) {
		struct wstate *w = &sv.w[i];
		unsigned long cur = shared->slot[i].calls;

		if (cur - w->counted_calls > MAX_CALLS_PER_LOOK) {
			printf("# fuzz: worker %d's call counter jumped from %lu to %lu (it wrote over its own slot): not counted\n",
			       i, w->counted_calls, cur);
			sv.corrupt_counters++;
		} else {
			sv.calls_counted += cur - w->counted_calls;
		}
		w->counted_calls = cur;
	}
}

/* total_calls - calls made by every slot so far (as counted by account_calls). */
static unsigned long total_calls(void)
{
	account_calls();
	return sv.calls_counted;
}

/* spawn - fork the worker of slot @s, generation sv.w[s].gen, seeded from @seed. */
static void spawn(int s, uint64_t seed)
{
	struct wstate *w = &sv.w[s];
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0)
		worker_main(s, derive_seed(seed, (unsigned int)s, w->gen));
	if (pid < 0) {
		printf("# fuzz: fork: %s\n", strerror(errno));
		w->pid = 0;
		return;
	}
	w->pid = pid;
	account_calls();		/* the slot's count so far belongs to earlier generations */
	w->last_calls = shared->slot[s].calls;
	w->last_progress = now();
	w->killed_at = 0;
	sv.spawned++;
}

/* report_hang - print what the hung worker of slot @s was doing. */
static void report_hang(int s, const char *when)
{
	struct slot *sl = &shared->slot[s];

	printf("# fuzz: HANG (%s): worker %d (pid %d, generation %lu) still alive %d s after SIGKILL;"
	       " last call %ld(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)%s\n", when, s, sv.w[s].pid,
	       sv.w[s].gen, KILL_SECS, sl->nr, sl->args[0], sl->args[1], sl->args[2], sl->args[3],
	       sl->args[4], sl->args[5], sl->in_call ? " (in the call)" : "");
	sv.hangs++;
	sv.w[s].hung = 1;
}

/* reap - collect every dead child without waiting; a dead worker's slot is marked empty.
 * Orphans reparented to us (we may be init) are collected too. */
/*
 * remove_segments - IPC_RMID the System V segments nothing has attached (@all: every one; an
 * attached one then goes with its last detach). Workers make them and die: without this they
 * would pile up until memory runs out, and MemFree would not come back. Segments that existed
 * before the run (shm_before: the host's, on Linux) are left alone. With @all, called once
 * every worker is dead, a segment still attached or already marked SHM_DEST (its last detach
 * should have destroyed it) is the kernel's leak: printed and counted in shm_leaked.
 */
static int shm_before[64];
static int nshm_before;
static unsigned long shm_leaked;

static int shm_existed_before(int id)
{
	for (int i = 0; i < nshm_before; i++)
		if (shm_before[i] == id)
			return 1;
	return 0;
}

static void remove_segments(int all)
{
	struct shmid_ds ds;
	struct shm_info info;
	int max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);

	for (int i = 0; i <= max; i++) {
		int id = shmctl(i, SHM_STAT, &ds);

		if (id < 0 || shm_existed_before(id) || (!all && ds.shm_nattch))
			continue;
		if (all && (ds.shm_nattch || (ds.shm_perm.mode & SHM_DEST))) {
			printf("# fuzz: shm id %d: %lu attaches%s with every worker dead (a kernel leak)\n",
			       id, (unsigned long)ds.shm_nattch,
			       ds.shm_perm.mode & SHM_DEST ? ", marked SHM_DEST" : "");
			shm_leaked++;
		}
		shmctl(id, IPC_RMID, NULL);
	}
}

/* remember_segments - note the segments that exist before the run in shm_before. */
static void remember_segments(void)
{
	struct shmid_ds ds;
	struct shm_info info;
	int max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);

	for (int i = 0; i <= max && nshm_before < (int)(sizeof(shm_before) / sizeof(shm_before[0])); i++) {
		int id = shmctl(i, SHM_STAT, &ds);

		if (id >= 0)
			shm_before[nshm_before++] = id;
	}
}

/* umount_all - unmount whatever is stacked on @path: lazily where the kernel can (Linux), else
 * plainly (Faultline refuses MNT_DETACH with EINVAL; the workers are dead, so nothing there is
 * busy). */
static void umount_all(const char *path)
{
	for (int n = 0; n < 16; n++)
		if (umount2(path, MNT_DETACH) != 0 && umount2(path, 0) != 0)
			return;
}

/* umount_fuzz_dir - detach whatever the workers mounted under /tmp/fuzz. */
static void umount_fuzz_dir(void)
{
	for (int i = 0; i < NFILES; i++)
		umount_all(fuzz_files[i]);
	umount_all(FUZZ_DIR);
}

static void reap(void)
{
	pid_t pid;
	int st, i, died = 0;

	while ((pid = wait4(-1, &st, WNOHANG | __WALL, NULL)) > 0) {
		for (i = 0; i < sv.nworkers; i++) {
			if (sv.w[i].pid != pid)
				continue;
			sv.w[i].pid = 0;
			died = 1;
			if (WIFSIGNALED(st))
				sv.deaths[64 + (WTERMSIG(st) & 63)]++;
			else
				sv.deaths[WEXITSTATUS(st) < 64 ? WEXITSTATUS(st) : 64]++;
		}
	}
	if (died)
		remove_segments(0);
}

/* run_phase - run the workers for @secs seconds (or until sv.count calls), seeded from
 * @seed; then kill and reap them all. Returns the calls made in the phase. */
static void ramfs_guard(void);

static unsigned long run_phase(uint64_t seed, double secs, int verbose)
{
	double start = now(), t, next_report = start + 10, next_guard = start + 1;
	unsigned long calls0 = total_calls(), c;
	int i;

	for (i = 0; i < sv.nworkers; i++) {
		sv.w[i].gen = 0;
		sv.w[i].hung = 0;
		spawn(i, seed);
	}
	for (;;) {
		sleep_ms(100);
		reap();
		t = now();
		c = total_calls() - calls0;
		if (t - start >= secs || (sv.count && c >= sv.count))
			break;
		for (i = 0; i < sv.nworkers; i++) {
			struct wstate *w = &sv.w[i];

			if (w->hung)
				continue;
			if (w->pid == 0) {
				w->gen++;
				spawn(i, seed);
				continue;
			}
			if (shared->slot[i].calls != w->last_calls) {
				w->last_calls = shared->slot[i].calls;
				w->last_progress = t;
			} else if (!w->killed_at && t - w->last_progress >= STALL_SECS) {
				struct slot *sl = &shared->slot[i];

				printf("# fuzz: worker %d (pid %d) made no progress for %d s in call %ld(%#lx, %#lx, %#lx, ...): SIGKILL\n",
				       i, w->pid, STALL_SECS, sl->nr, sl->args[0], sl->args[1], sl->args[2]);
				kill(w->pid, SIGKILL);
				w->killed_at = t;
				sv.killed++;
			} else if (w->killed_at && t - w->killed_at >= KILL_SECS) {
				report_hang(i, "stalled worker");
			}
		}
		if (t >= next_guard) {
			ramfs_guard();
			next_guard = t + 1;
		}
		if (verbose && t >= next_report) {
			printf("# fuzz: %.0f s: %lu calls (%.0f/s), %lu workers spawned, %lu killed\n",
			       t - start, c, (double)c / (t - start), sv.spawned, sv.killed);
			fflush(stdout);
			next_report += 10;
		}
	}
	c = total_calls() - calls0;

	/* The end: SIGKILL everyone, wait up to KILL_SECS for them to go. */
	for (i = 0; i < sv.nworkers; i++)
		if (sv.w[i].pid)
			kill(sv.w[i].pid, SIGKILL);
	t = now();
	for (;;) {
		int alive = 0;

		reap();
		for (i = 0; i < sv.nworkers; i++)
			if (sv.w[i].pid && !sv.w[i].hung)
				alive++;
		if (!alive)
			break;
		if (now() - t >= KILL_SECS) {
			for (i = 0; i < sv.nworkers; i++)
				if (sv.w[i].pid && !sv.w[i].hung)
					report_hang(i, "end of run");
			break;
		}
		sleep_ms(50);
	}
	/* Grandchildren (forked by workers, reparented to us, maybe asleep for ever): SIGKILL
	 * every other process /proc lists until none is left; SIGKILL must end any of them. */
	t = now();
	while (kill_others() > 0) {
		reap();
		if (now() - t >= KILL_SECS) {
			printf("# fuzz: HANG: processes forked by the workers survive SIGKILL for %d s\n",
			       KILL_SECS);
			sv.hangs++;
			break;
		}
		sleep_ms(20);
	}
	reap();
	return c;
}

/*
 * Stray files. A path argument may point into random bytes (the arena, the buffer, a random
 * address), and a NUL-terminated run there is a valid relative or absolute name: creat(),
 * mkdir() or mknod() then make a file with a binary name somewhere in the tree, which the
 * cleanup of the pool's names would miss and the leak check would count. So the supervisor
 * lists the whole tree (but /proc) before the warm-up and removes whatever is new at the end
 * (on Faultline only: on Linux the tree is the host's).
 */
static char tree_before[64 * 1024];	/* "path\tino\n" for every name that existed at the start */
static size_t tree_before_len;
static unsigned long strays_removed;
static unsigned long kept_replaced;	/* kept names that are another inode after the run */

typedef void (*tree_fn)(const char *path, int is_dir);

/* walk_tree - call @fn for every name under @dir (children before their directory). */
static void walk_tree(const char *dir, tree_fn fn)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		char path[512];
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(path, sizeof(path), "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", de->d_name)
		    >= (int)sizeof(path) || !strcmp(path, "/proc"))
			continue;
		if (lstat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			walk_tree(path, fn);
		fn(path, S_ISDIR(st.st_mode));
	}
	closedir(d);
}

/* in_tree_before - true if @path was listed at the start. */
static int in_tree_before(const char *path, unsigned long *ino)
{
	size_t len = strlen(path);

	for (const char *p = tree_before; (p = strstr(p, path)) != NULL; p++)
		if ((p == tree_before || p[-1] == '\n') && p[len] == '\t') {
			*ino = strtoul(p + len + 1, NULL, 10);
			return 1;
		}
	return 0;
}

/* remember_name - walk_tree callback: add @path to tree_before. */
static void remember_name(const char *path, int is_dir)
{
	struct stat st;
	char ino[24];
	size_t len = strlen(path), ilen;

	(void)is_dir;
	ilen = (size_t)snprintf(ino, sizeof(ino), "\t%lu", lstat(path, &st) == 0 ? (unsigned long)st.st_ino : 0UL);
	if (tree_before_len + len + ilen + 2 < sizeof(tree_before)) {
		memcpy(tree_before + tree_before_len, path, len);
		memcpy(tree_before + tree_before_len + len, ino, ilen);
		tree_before_len += len + ilen;
		tree_before[tree_before_len++] = '\n';
		tree_before[tree_before_len] = '\0';
	}
}

/* remove_stray - walk_tree callback: remove @path if it is new (its children went first). */
static void remove_stray(const char *path, int is_dir)
{
	unsigned long ino;
	struct stat st;

	if (in_tree_before(path, &ino)) {
		/* Kept, but a worker may have replaced it (rename over it, rmdir and mkdir):
		 * the new inode is not the one the leak check started with. */
		if (lstat(path, &st) == 0 && st.st_ino != ino) {
			printf("# fuzz: %s is another inode now (%lu, was %lu)\n", path,
			       (unsigned long)st.st_ino, ino);
			kept_replaced++;
		}
		return;
	}
	chmod(path, 0755);
	if ((is_dir ? rmdir(path) : unlink(path)) == 0)
		strays_removed++;
}

/* clean_fuzz_dir - empty every file of the pool (O_TRUNC), unlink it if the kernel can, and
 * remove every stray name the workers made elsewhere. */
static void clean_fuzz_dir(void)
{
	for (int i = 0; i < NFILES; i++) {
		/* O_NONBLOCK: a worker's mknod may have made the name a FIFO, whose blocking
		 * O_WRONLY open would wait for a reader for ever (ENXIO instead). */
		int fd = open(fuzz_files[i], O_WRONLY | O_TRUNC | O_NONBLOCK);

		if (fd >= 0)
			close(fd);
		else
			chmod(fuzz_files[i], 0644);	/* a worker may have made it unwritable */
		fd = open(fuzz_files[i], O_WRONLY | O_TRUNC | O_NONBLOCK);
		if (fd >= 0)
			close(fd);
		unlink(fuzz_files[i]);
	}
	if (tree_before_len) {
		unsigned long before = strays_removed;

		walk_tree("/", remove_stray);
		if (strays_removed != before)
			printf("# fuzz: removed %lu names the workers made from random bytes\n",
			       strays_removed - before);
	}
}

/* The /proc/meminfo text of the last mem_free_kb() call, and the one kept after the warm-up:
 * on a leak the lines that differ are printed, to tell where the memory went. */
static char meminfo_last[4096], meminfo_warm[4096];

/* self_anon_kb - the supervisor's own anonymous memory (RssAnon of /proc/self/status), 0 if
 * unknown: its heap and stack may grow by a page during the run (a deeper call chain, a longer
 * message), which is the program's memory, not the kernel's leak. */
static long self_anon_kb(void)
{
	long kb = read_counter("/proc/self/status", "RssAnon:");

	return kb > 0 ? kb : 0;
}

/*
 * ramfs_guard - the pool's files live in ramfs, whose pages can never leave memory (no swap
 * behind them: /proc/meminfo's Unevictable), as on Linux. Workers writing to them without
 * bound would drive every process, the supervisor too, into the OOM killer; once they hold a
 * quarter of memory they are emptied, as at the end of a phase.
 */
static void ramfs_guard(void)
{
	long unevictable = meminfo_kb("Unevictable:");
	long total = meminfo_kb("MemTotal:");

	if (unevictable < 0 || total <= 0 || unevictable < total / 4)
		return;
	printf("# fuzz: files hold %ld kB that cannot leave memory: emptying them\n", unevictable);
	clean_fuzz_dir();
}

/* mem_free_kb - MemFree + SReclaimable from /proc/meminfo, plus the supervisor's own
 * anonymous memory (self_anon_kb), in kB, or -1. */
static long mem_free_kb(void)
{
	char *buf = meminfo_last, *p, *q;
	ssize_t n;
	int fd = open("/proc/meminfo", O_RDONLY);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(meminfo_last) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "MemFree:");
	if (!p)
		return -1;
	/* Empty slabs a cache keeps for its next kmalloc are free memory the kernel can give
	 * back at once, not a leak: which caches keep one depends on the last calls made. */
	q = strstr(buf, "SReclaimable:");
	return strtol(p + 8, NULL, 10) + (q ? strtol(q + 13, NULL, 10) : 0) + self_anon_kb();
}

/* print_meminfo_diff - print each /proc/meminfo line of @after that is not in @before. */
static void print_meminfo_diff(const char *before, const char *after)
{
	const char *line = after, *end;

	for (; *line; line = *end ? end + 1 : end) {
		char one[128];
		size_t len;

		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		len = (size_t)(end - line);
		if (len == 0 || len >= sizeof(one))
			continue;
		memcpy(one, line, len);
		one[len] = '\0';
		if (!strstr(before, one))
			printf("# fuzz: meminfo now: %s\n", one);
	}
	printf("# fuzz: meminfo after the warm-up:\n");
	for (line = before; *line; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		printf("#   %.*s\n", (int)(end - line), line);
	}
}

static const char *swap_dev;	/* --swap-dev: turned off around each MemFree reading */

/* settled_mem_free - MemFree once it has stopped moving (deferred frees done), or -1. With
 * --swap-dev, swap is turned off first: every page that went out comes back and the swap
 * cache empties, so what is free no longer depends on which pages reclaim chose. */
static long settled_mem_free(void)
{
	long prev, cur;

	if (swap_dev && swapoff(swap_dev))
		printf("# fuzz: swapoff %s: %s\n", swap_dev, strerror(errno));
	prev = mem_free_kb();

	for (int i = 0; i < 10; i++) {
		sleep_ms(100);
		cur = mem_free_kb();
		if (cur == prev)
			return cur;
		prev = cur;
	}
	return prev;
}

/* check_mmcheck - read /proc/mmcheck: returns 1 if it says ok or is absent, 0 if it failed. */
static int check_mmcheck(char *why, size_t len)
{
	char buf[1024];
	ssize_t n;
	int fd = open("/proc/mmcheck", O_RDONLY);

	if (fd < 0) {
		snprintf(why, len, "no /proc/mmcheck%s", sv.faultline ? " (not yet in this kernel)" : "");
		return 1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	if (strncmp(buf, "mmcheck: ok", 11) == 0) {
		snprintf(why, len, "%.*s", (int)strcspn(buf, "\n"), buf);
		return 1;
	}
	printf("# fuzz: /proc/mmcheck:\n");
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n"))
		printf("#   %s\n", l);
	snprintf(why, len, "/proc/mmcheck did not say ok");
	return 0;
}

/* print_profile - the 15 call numbers that took the most time, with counts and mean ticks. */
/* The calls make_args shapes (rt_sigreturn is made by forged_sigreturn), for --profile. */
static const short profiled[] = { 13, 15, 28, 29, 30, 31, 56, 67, 72, 131, 165, 166, 202, 435 };

static void print_profile(void)
{
	unsigned long total = 0;
	int done[NR_MAX + 1] = { 0 };

	for (int nr = 0; nr <= NR_MAX; nr++)
		total += shared->prof_ticks[nr];
	printf("# fuzz: profile (%lu ticks in calls, %lu in worker loops):\n", total,
	       shared->prof_loop_ticks);
	for (int k = 0; k < 15; k++) {
		int best = -1;

		for (int nr = 0; nr <= NR_MAX; nr++)
			if (!done[nr] && (best < 0 || shared->prof_ticks[nr] > shared->prof_ticks[best]))
				best = nr;
		done[best] = 1;
		printf("#   nr %3d: %6lu calls, %5.1f%% of the time, %lu ticks each\n", best,
		       shared->prof_count[best], total ? 100.0 * shared->prof_ticks[best] / total : 0.0,
		       shared->prof_count[best] ? shared->prof_ticks[best] / shared->prof_count[best] : 0);
	}
	printf("# fuzz: calls made of those given their own arguments:");
	for (size_t k = 0; k < sizeof(profiled) / sizeof(profiled[0]); k++)
		printf(" %d:%lu", profiled[k], shared->prof_count[profiled[k]]);
	printf("\n");
}

/* parse_ul - parse @s as an unsigned number (any base strtoul takes), or exit 2. */
static unsigned long parse_ul(const char *opt, const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || !*s || *end) {
		fprintf(stderr, "fuzz: %s %s: not a number\n", opt, s);
		exit(2);
	}
	return v;
}

int main(int argc, char *argv[])
{
	struct utsname u;
	unsigned long calls;
	long mf_before = -1, mf_after = -1;
	double t0, t;
	unsigned long tsc0;
	char mmwhy[256];
	int ok_mm, leak = 0, i;

	sv.seed = 1;
	sv.nworkers = 2;
	sv.seconds = 60;
	sv.warmup = 1;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--no-warmup") == 0) {
			sv.warmup = 0;
			continue;
		}
		if (strcmp(argv[i], "--profile") == 0) {
			profile = 1;
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "usage: fuzz [--seconds N] [--seed S] [--workers W] [--count N] [--no-warmup] [--profile] [--swap-dev DEV]\n");
			return 2;
		}
		if (strcmp(argv[i], "--seconds") == 0)
			sv.seconds = (double)parse_ul(argv[i], argv[i + 1]);
		else if (strcmp(argv[i], "--seed") == 0)
			sv.seed = parse_ul(argv[i], argv[i + 1]);
		else if (strcmp(argv[i], "--workers") == 0)
			sv.nworkers = (int)parse_ul(argv[i], argv[i + 1]);
		else if (strcmp(argv[i], "--count") == 0)
			sv.count = parse_ul(argv[i], argv[i + 1]);
		else if (strcmp(argv[i], "--swap-dev") == 0)
			swap_dev = argv[i + 1];
		else {
			fprintf(stderr, "fuzz: unknown option %s\n", argv[i]);
			return 2;
		}
		i++;
	}
	if (sv.nworkers < 1 || sv.nworkers > MAX_WORKERS) {
		fprintf(stderr, "fuzz: --workers must be 1..%d\n", MAX_WORKERS);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	sv.faultline = uname(&u) == 0 &&
		       (strcmp(u.sysname, "Faultline") == 0 || strstr(u.version, "Faultline"));
	if (!sv.faultline && geteuid() == 0) {
		fprintf(stderr, "fuzz: refusing to run as root on %s: the workers chmod, truncate and rename what they can reach\n",
			u.sysname);
		return 2;
	}
	/* Workers may signal themselves with anything; none of it may reach us. */
	for (i = 1; i < 32; i++)
		if (i != SIGKILL && i != SIGSTOP && i != SIGCHLD)
			signal(i, SIG_IGN);
	{
		struct sigaction sa = { .sa_handler = on_sigchld };

		sigaction(SIGCHLD, &sa, NULL);
	}

	shared = mmap(NULL, sizeof(struct shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		      -1, 0);
	if (shared == MAP_FAILED) {
		printf("not ok 1 fuzz_seed_%lu # mmap of the shared page: %s\n", (unsigned long)sv.seed,
		       strerror(errno));
		return 1;
	}
	/* Touch every page of it now: a page first touched by a worker during the run would be
	 * counted as memory lost by the leak check (it stays in the shared object's cache). */
	memset(shared, 0, sizeof(*shared));
	if (mkdir(FUZZ_DIR, 0777) < 0 && errno != EEXIST)
		printf("# fuzz: mkdir %s: %s (files there cannot be created)\n", FUZZ_DIR, strerror(errno));
	if (sv.faultline)	/* on Linux the tree is not ours to prune */
		walk_tree("/", remember_name);
	remember_segments();
	printf("# fuzz: seed %lu, %d workers, %.0f s, on %s %s\n", (unsigned long)sv.seed, sv.nworkers,
	       sv.seconds, u.sysname, u.release);

	if (sv.warmup) {
		unsigned long saved = sv.count;

		sv.count = 0;
		calls = run_phase(splitmix64(sv.seed ^ 0x5741524d), WARMUP_SECS, 0);
		sv.count = saved;
		umount_fuzz_dir();
		remove_segments(1);
		clean_fuzz_dir();
		mf_before = settled_mem_free();
		memcpy(meminfo_warm, meminfo_last, sizeof(meminfo_warm));
		if (swap_dev && swapon(swap_dev, 0))
			printf("# fuzz: swapon %s: %s\n", swap_dev, strerror(errno));
		printf("# fuzz: warm-up: %lu calls; MemFree %ld kB\n", calls, mf_before);
	}
	sv.spawned = sv.killed = 0;
	for (i = 0; i < sv.nworkers; i++) {
		shared->slot[i].calls = 0;
		sv.w[i].counted_calls = 0;
	}

	t0 = now();
	tsc0 = rdtsc();
	calls = run_phase(sv.seed, sv.seconds, 1);
	t = now() - t0;
	if (profile)
		printf("# fuzz: %lu TSC ticks in %.1f s\n", rdtsc() - tsc0, t);
	umount_fuzz_dir();
	remove_segments(1);
	clean_fuzz_dir();
	if (sv.warmup && mf_before >= 0) {
		mf_after = settled_mem_free();
		printf("# fuzz: MemFree after warm-up %ld kB, after the run %ld kB\n", mf_before, mf_after);
		/* Less free is a leak. More free is not: a page the kernel held at the warm-up's
		 * reading (a slab page, a cache) may have gone since. */
		leak = mf_after < mf_before;
		/* A kept directory a worker replaced (rmdir and mkdir, or rename over it) is a
		 * new inode in whatever slab page has room, while the old one's page stays for
		 * its long-lived neighbours: up to one page per replaced name is that, not a leak
		 * (a loop of 5,000 such replacements costs the same single page). */
		if (leak && kept_replaced && mf_before - mf_after > 0 &&
		    (unsigned long)(mf_before - mf_after) <= kept_replaced * 4) {
			printf("# fuzz: %ld kB fewer free after %lu kept names were replaced: "
			       "allowed, one page each\n", mf_before - mf_after, kept_replaced);
			leak = 0;
		}
	}
	if (profile) {
		print_profile();
		printf("# fuzz: how workers ended:");
		for (i = 0; i < 129; i++)
			if (sv.deaths[i])
				printf(" %s %d: %lu,", i < 64 ? "exit" : "signal", i < 64 ? i : i - 64,
				       sv.deaths[i]);
		printf("\n");
	}
	ok_mm = check_mmcheck(mmwhy, sizeof(mmwhy));
	printf("# fuzz: %s\n", mmwhy);

	printf("fuzz: seed %lu: %lu calls in %.1f s (%.0f calls/s), %lu workers spawned, %lu killed, %lu hangs\n",
	       (unsigned long)sv.seed, calls, t, t > 0 ? (double)calls / t : 0.0, sv.spawned, sv.killed,
	       sv.hangs);
	if (sv.hangs || leak || !ok_mm || shm_leaked) {
		char why[128];

		snprintf(why, sizeof(why), "%s%s%s%s", sv.hangs ? "hang " : "",
			 leak ? "leak " : "", shm_leaked ? "shm " : "", ok_mm ? "" : "mmcheck");
		if (leak) {
			printf("# fuzz: leak: %ld kB fewer free than after the warm-up\n", mf_before - mf_after);
			print_meminfo_diff(meminfo_warm, meminfo_last);
		}
		printf("not ok 1 fuzz_seed_%lu # %s\n", (unsigned long)sv.seed, why);
		return 1;
	}
	printf("ok 1 fuzz_seed_%lu\n", (unsigned long)sv.seed);
	return 0;
}
