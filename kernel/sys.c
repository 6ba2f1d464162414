/*
 * kernel/sys.c - small system calls: identity, time, uname, randomness, limits, TLS.
 */
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/errno.h"
#include "kernel/io.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"
#include "mm/memlayout.h"

long sys_getpid(void) { return current->pid; }
long sys_gettid(void) { return current->pid; }
long sys_getppid(void) { return current->parent ? current->parent->pid : 0; }
long sys_getuid(void) { return 0; }
long sys_getgid(void) { return 0; }
long sys_geteuid(void) { return 0; }
long sys_getegid(void) { return 0; }
long sys_umask(int mask) { (void)mask; return 022; }

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

long sys_uname(struct new_utsname __user *name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strscpy(u.sysname, "Faultline", sizeof(u.sysname));
	strscpy(u.nodename, "faultline", sizeof(u.nodename));
	strscpy(u.release, "0.1", sizeof(u.release));
	strscpy(u.version, "#1 teaching kernel", sizeof(u.version));
	strscpy(u.machine, "x86_64", sizeof(u.machine));
	strscpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

struct timespec {
	long tv_sec, tv_nsec;
};

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7

/* Wall-clock seconds at boot, read from the CMOS real-time clock once. */
static u64 boot_epoch;

static u8 cmos_read(u8 reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static unsigned int bcd(u8 v, bool is_bcd)
{
	return is_bcd ? (v & 0x0f) + (v >> 4) * 10 : v;
}

/* Days from 1970-01-01 to year-month-day (the civil-from-days algorithm, inverted). */
static u64 days_from_civil(unsigned int y, unsigned int m, unsigned int d)
{
	y -= m <= 2;
	unsigned int era = y / 400, yoe = y - era * 400;
	unsigned int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (u64)era * 146097 + doe - 719468;
}

void rtc_init(void)
{
	while (cmos_read(0x0a) & 0x80)		/* wait out an update in progress */
		;
	bool is_bcd = !(cmos_read(0x0b) & 0x04);
	unsigned int s = bcd(cmos_read(0x00), is_bcd), mi = bcd(cmos_read(0x02), is_bcd);
	unsigned int h = bcd(cmos_read(0x04) & 0x7f, is_bcd), d = bcd(cmos_read(0x07), is_bcd);
	unsigned int mo = bcd(cmos_read(0x08), is_bcd), y = bcd(cmos_read(0x09), is_bcd) + 2000;

	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return;				/* no usable RTC: the clock starts at 1970 */
	boot_epoch = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

long sys_clock_gettime(int which, struct timespec __user *tp)
{
	u64 ns;
	struct timespec ts;

	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ns = boot_epoch * NSEC_PER_SEC + ktime_get_ns();
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		ns = ktime_get_ns();
		break;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		ns = current->utime_ns + current->stime_ns;
		break;
	default:
		return -EINVAL;
	}
	ts.tv_sec = (long)(ns / NSEC_PER_SEC);
	ts.tv_nsec = (long)(ns % NSEC_PER_SEC);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_getres(int which, struct timespec __user *tp)
{
	struct timespec ts = { 0, 1 };

	if (which < 0 || which > CLOCK_BOOTTIME)
		return -EINVAL;
	if (tp && copy_to_user(tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

long sys_gettimeofday(long __user *tv, void __user *tz)
{
	u64 ns = boot_epoch * NSEC_PER_SEC + ktime_get_ns();
	long v[2] = { (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC / 1000) };

	(void)tz;
	if (tv && copy_to_user(tv, v, sizeof(v)))
		return -EFAULT;
	return 0;
}

long sys_time(long __user *t)
{
	long now = (long)(boot_epoch + ktime_get_ns() / NSEC_PER_SEC);

	if (t && put_user(now, t))
		return -EFAULT;
	return now;
}

long sys_nanosleep(const struct timespec __user *req, struct timespec __user *rem)
{
	struct timespec ts;

	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	u64 wake = ktime_get_ns() + (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	if ((u64)ts.tv_sec >= (~0ULL >> 1) / NSEC_PER_SEC)	/* centuries: no overflow, forever */
		wake = ~0ULL;
	if (schedule_timeout_ns(wake)) {
		u64 now = ktime_get_ns(), left = wake > now ? wake - now : 0;
		struct timespec r = { (long)(left / NSEC_PER_SEC), (long)(left % NSEC_PER_SEC) };

		if (rem && copy_to_user(rem, &r, sizeof(r)))
			return -EFAULT;
		return -EINTR;
	}
	return 0;
}

long sys_clock_nanosleep(int which, int flags, const struct timespec __user *req,
			 struct timespec __user *rem)
{
	struct timespec ts;

	if (which != CLOCK_MONOTONIC && which != CLOCK_REALTIME)
		return -EINVAL;
	if (flags & 1) {			/* TIMER_ABSTIME */
		if (copy_from_user(&ts, req, sizeof(ts)))
			return -EFAULT;
		u64 base = which == CLOCK_REALTIME ? boot_epoch * NSEC_PER_SEC : 0;
		u64 when = (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
		return when > base ? schedule_timeout_ns(when - base) : 0;
	}
	return sys_nanosleep(req, rem);
}

#define GRND_NONBLOCK	1
#define GRND_RANDOM	2

/* A xorshift generator stirred with the TSC: good enough for AT_RANDOM-style uses, not crypto. */
long sys_getrandom(void __user *buf, size_t len, unsigned int flags)
{
	static u64 state = 0x2545f4914f6cdd1dULL;
	u8 chunk[64];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM))
		return -EINVAL;
	while (done < len) {
		size_t n = min(len - done, sizeof(chunk));

		for (size_t i = 0; i < n; i += 8) {
			state ^= rdtsc();
			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			memcpy(chunk + i, &state, min((size_t)8, n - i));
		}
		if (copy_to_user((u8 __user *)buf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
		cond_resched();
	}
	return (long)done;
}

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

long sys_arch_prctl(int code, unsigned long addr)
{
	switch (code) {
	case ARCH_SET_FS:
		if (addr >= TASK_SIZE)
			return -EPERM;
		current->thread.fsbase = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->thread.fsbase, (unsigned long __user *)addr) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_SET_CHILD_SUBREAPER	36
#define PR_GET_CHILD_SUBREAPER	37

/*
 * sys_prctl - the process operations Faultline has: PR_SET_NAME / PR_GET_NAME (comm: up to
 * 15 bytes are taken, all 16 are returned) and PR_SET_CHILD_SUBREAPER / PR_GET_CHILD_SUBREAPER.
 * Returns 0, -EFAULT, or -EINVAL for any other option.
 */
long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	char comm[TASK_COMM_LEN];
	long n;

	(void)arg3; (void)arg4; (void)arg5;
	switch (option) {
	case PR_SET_NAME:
		n = strncpy_from_user(comm, (const char __user *)arg2, sizeof(comm));
		if (n == -ENAMETOOLONG)		/* longer than comm: keep the first 15 bytes */
			n = sizeof(comm) - 1;
		if (n < 0)
			return -EFAULT;
		comm[n] = '\0';
		set_task_comm(current, comm);
		return 0;
	case PR_GET_NAME:
		return copy_to_user((void __user *)arg2, current->comm, sizeof(current->comm)) ? -EFAULT : 0;
	case PR_SET_CHILD_SUBREAPER:
		current->is_child_subreaper = arg2 != 0;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		return put_user((int)current->is_child_subreaper, (int __user *)arg2) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

struct rlimit64 {
	u64 rlim_cur, rlim_max;
};
#define RLIMIT_STACK	3
#define RLIM_NLIMITS	16
#define RLIM_INFINITY	(~0ULL)

long sys_prlimit64(pid_t pid, unsigned int resource, const struct rlimit64 __user *new,
		   struct rlimit64 __user *old)
{
	struct rlimit64 r = { RLIM_INFINITY, RLIM_INFINITY };

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid && pid != current->pid)
		return -ESRCH;
	if (resource == RLIMIT_STACK)
		r.rlim_cur = r.rlim_max = STACK_RLIMIT;
	if (old && copy_to_user(old, &r, sizeof(r)))
		return -EFAULT;
	if (new && copy_from_user(&r, new, sizeof(r)))
		return -EFAULT;
	return 0;		/* new limits are accepted and not enforced */
}

long sys_getrlimit(unsigned int resource, struct rlimit64 __user *rlim)
{
	return sys_prlimit64(0, resource, NULL, rlim);
}

long sys_setrlimit(unsigned int resource, const struct rlimit64 __user *rlim)
{
	return sys_prlimit64(0, resource, rlim, NULL);
}

long sys_sched_getaffinity(pid_t pid, size_t len, unsigned long __user *mask)
{
	(void)pid;
	if (len < sizeof(unsigned long))
		return -EINVAL;
	return put_user(1UL, mask) ? -EFAULT : (long)sizeof(unsigned long);
}

long sys_sched_setaffinity(pid_t pid, size_t len, const unsigned long __user *mask)
{
	unsigned long m;

	(void)pid;
	if (len < sizeof(m) || get_user(m, mask))
		return -EFAULT;
	return (m & 1) ? 0 : -EINVAL;		/* one CPU: CPU 0 */
}

#define FUTEX_WAIT	0
#define FUTEX_WAKE	1

/* One thread per process: nobody else can wake a waiter, so a wait never blocks. */
long sys_futex(int __user *uaddr, int op, int val)
{
	int cur;

	switch (op & 0x7f) {
	case FUTEX_WAIT:
		if (get_user(cur, uaddr))
			return -EFAULT;
		return cur != val ? -EAGAIN : -EAGAIN;
	case FUTEX_WAKE:
		return 0;
	default:
		return -ENOSYS;
	}
}

