/*
 * kernel/sys.c - small system calls: identity, time, uname, randomness, limits, TLS.
 */
#include "kernel/sched.h"
#include "kernel/utsname.h"
#include "kernel/syscalls.h"
#include "kernel/errno.h"
#include "kernel/io.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"
#include "mm/memlayout.h"
#include "mm/page_alloc.h"
#include "mm/swap.h"

long sys_getpid(void) { return task_tgid_nr(current); }
long sys_gettid(void) { return current->pid; }
long sys_getppid(void)
{
	struct task_struct *parent = current->group_leader->parent;

	return parent ? parent->pid : 0;
}
long sys_getuid(void) { return current->cred.uid; }
long sys_getgid(void) { return current->cred.gid; }
long sys_geteuid(void) { return current->cred.euid; }
long sys_getegid(void) { return current->cred.egid; }
long sys_umask(int mask) { (void)mask; return 022; }

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

/* The Linux ABI level Faultline implements (uname -r). */
#define UTS_RELEASE	"6.1.0-faultline"

/* uname's strings, also shown by /proc/sys/kernel/{ostype,osrelease,version,hostname}. */
const char uts_sysname[] = "Linux";
const char uts_nodename[] = "faultline";
const char uts_release[] = UTS_RELEASE;
const char uts_version[] = "#1 Faultline teaching kernel";

long sys_uname(struct new_utsname __user *name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	/* The Linux it imitates, so programs that check the kernel version accept it; the
	 * version string keeps the name (user/tests/test.h's on_faultline() looks for it). */
	strscpy(u.sysname, uts_sysname, sizeof(u.sysname));
	strscpy(u.nodename, uts_nodename, sizeof(u.nodename));
	strscpy(u.release, uts_release, sizeof(u.release));
	strscpy(u.version, uts_version, sizeof(u.version));
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

long sys_clock_gettime(int which, struct timespec __user *tp)
{
	u64 ns;
	struct timespec ts;

	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ns = ktime_get_real_ns();
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
	u64 ns = ktime_get_real_ns();
	long v[2] = { (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC / 1000) };

	(void)tz;
	if (tv && copy_to_user(tv, v, sizeof(v)))
		return -EFAULT;
	return 0;
}

long sys_time(long __user *t)
{
	long now = (long)ktime_get_real_seconds();

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
		u64 base = which == CLOCK_REALTIME ? ktime_get_real_ns() - ktime_get_ns() : 0;
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

void rlim_init(struct rlimit64 *rlim)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		rlim[i] = (struct rlimit64){ RLIM_INFINITY, RLIM_INFINITY };
	rlim[RLIMIT_STACK] = (struct rlimit64){ STACK_RLIMIT, STACK_RLIMIT };
	rlim[RLIMIT_NOFILE] = (struct rlimit64){ INR_OPEN_CUR, INR_OPEN_MAX };
	rlim[RLIMIT_MEMLOCK] = (struct rlimit64){ MLOCK_LIMIT, MLOCK_LIMIT };
}

u64 rlimit(unsigned int resource)
{
	return current->rlim[resource].rlim_cur;
}

/*
 * sys_prlimit64 - read and/or set a resource limit of the caller (@pid 0 or its own pid;
 * -ESRCH otherwise). A soft limit above the hard one is -EINVAL; raising the hard limit needs
 * root (-EPERM), and RLIMIT_NOFILE may not go above fs.nr_open (-EPERM), as in Linux. Only
 * RLIMIT_NOFILE (the descriptor table, fs/file.c) and RLIMIT_MEMLOCK (mm/mlock.c) are
 * enforced; the stack keeps its fixed size.
 */
long sys_prlimit64(pid_t pid, unsigned int resource, const struct rlimit64 __user *new,
		   struct rlimit64 __user *old)
{
	struct rlimit64 r, *cur;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid && pid != current->pid)
		return -ESRCH;
	cur = &current->rlim[resource];
	if (new && copy_from_user(&r, new, sizeof(r)))
		return -EFAULT;
	if (new) {
		if (r.rlim_cur > r.rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && r.rlim_max > NR_OPEN_MAX)
			return -EPERM;
		if (r.rlim_max > cur->rlim_max && current->cred.euid != 0)
			return -EPERM;
	}
	if (old && copy_to_user(old, cur, sizeof(*cur)))
		return -EFAULT;
	if (new && resource != RLIMIT_STACK)
		*cur = r;
	return 0;
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

/* --- identities: setuid and friends (Linux's kernel/sys.c and kernel/groups.c) --- */

#define INVALID_ID	((u32)-1)

/* capable_setid - may the caller set any id? (CAP_SETUID/CAP_SETGID: root's effective uid) */
static bool capable_setid(void)
{
	return current->cred.euid == 0;
}

/* id_is_own - is @id one of @r, @e, @s (what an unprivileged process may switch to)? */
static bool id_is_own(u32 id, u32 r, u32 e, u32 s)
{
	return id == r || id == e || id == s;
}

/*
 * sys_setuid - root sets all four uids; anyone else only the effective (and fs) uid, and only
 * to its real or saved uid. -EINVAL for uid -1, -EPERM otherwise refused. (setgid: the same
 * for gids.)
 */
long sys_setuid(u32 uid)
{
	struct cred *c = &current->cred;

	if (uid == INVALID_ID)
		return -EINVAL;
	if (capable_setid())
		c->uid = c->suid = uid;
	else if (uid != c->uid && uid != c->suid)
		return -EPERM;
	c->euid = c->fsuid = uid;
	return 0;
}

long sys_setgid(u32 gid)
{
	struct cred *c = &current->cred;

	if (gid == INVALID_ID)
		return -EINVAL;
	if (capable_setid())
		c->gid = c->sgid = gid;
	else if (gid != c->gid && gid != c->sgid)
		return -EPERM;
	c->egid = c->fsgid = gid;
	return 0;
}

/*
 * set_re_ids - setreuid/setregid on (*@r, *@e, *@s, *@fs): -1 leaves an id unchanged. Without
 * privilege the new real id must be the old real or effective one, and the new effective id
 * one of the three. The saved id follows the effective one when the real id is set or the
 * effective one moves away from the real one (Linux's rule). 0 or -EPERM.
 */
static long set_re_ids(u32 *r, u32 *e, u32 *s, u32 *fs, u32 nr, u32 ne)
{
	u32 old_r = *r;

	if (!capable_setid()) {
		if (nr != INVALID_ID && nr != *r && nr != *e)
			return -EPERM;
		if (ne != INVALID_ID && !id_is_own(ne, *r, *e, *s))
			return -EPERM;
	}
	if (nr != INVALID_ID)
		*r = nr;
	if (ne != INVALID_ID)
		*e = ne;
	if (nr != INVALID_ID || (ne != INVALID_ID && ne != old_r))
		*s = *e;
	*fs = *e;
	return 0;
}

long sys_setreuid(u32 ruid, u32 euid)
{
	struct cred *c = &current->cred;

	return set_re_ids(&c->uid, &c->euid, &c->suid, &c->fsuid, ruid, euid);
}

long sys_setregid(u32 rgid, u32 egid)
{
	struct cred *c = &current->cred;

	return set_re_ids(&c->gid, &c->egid, &c->sgid, &c->fsgid, rgid, egid);
}

/* set_res_ids - setresuid/setresgid: each id not -1 is set; without privilege each must be
 * one of the current three. The fs id follows the effective one. 0 or -EPERM. */
static long set_res_ids(u32 *r, u32 *e, u32 *s, u32 *fs, u32 nr, u32 ne, u32 ns)
{
	if (!capable_setid() &&
	    ((nr != INVALID_ID && !id_is_own(nr, *r, *e, *s)) ||
	     (ne != INVALID_ID && !id_is_own(ne, *r, *e, *s)) ||
	     (ns != INVALID_ID && !id_is_own(ns, *r, *e, *s))))
		return -EPERM;
	if (nr != INVALID_ID)
		*r = nr;
	if (ne != INVALID_ID)
		*e = ne;
	if (ns != INVALID_ID)
		*s = ns;
	*fs = *e;
	return 0;
}

long sys_setresuid(u32 ruid, u32 euid, u32 suid)
{
	struct cred *c = &current->cred;

	return set_res_ids(&c->uid, &c->euid, &c->suid, &c->fsuid, ruid, euid, suid);
}

long sys_setresgid(u32 rgid, u32 egid, u32 sgid)
{
	struct cred *c = &current->cred;

	return set_res_ids(&c->gid, &c->egid, &c->sgid, &c->fsgid, rgid, egid, sgid);
}

/* put_res_ids - getresuid/getresgid: store three ids; 0 or -EFAULT. */
static long put_res_ids(u32 r, u32 e, u32 s, u32 __user *ur, u32 __user *ue, u32 __user *us)
{
	if (put_user(r, ur) || put_user(e, ue) || put_user(s, us))
		return -EFAULT;
	return 0;
}

long sys_getresuid(u32 __user *ruid, u32 __user *euid, u32 __user *suid)
{
	struct cred *c = &current->cred;

	return put_res_ids(c->uid, c->euid, c->suid, ruid, euid, suid);
}

long sys_getresgid(u32 __user *rgid, u32 __user *egid, u32 __user *sgid)
{
	struct cred *c = &current->cred;

	return put_res_ids(c->gid, c->egid, c->sgid, rgid, egid, sgid);
}

/* sys_setfsuid / sys_setfsgid - set the fs id if allowed; always return the old one. */
long sys_setfsuid(u32 uid)
{
	struct cred *c = &current->cred;
	u32 old = c->fsuid;

	if (uid != INVALID_ID && (capable_setid() || id_is_own(uid, c->uid, c->euid, c->suid) ||
				  uid == c->fsuid))
		c->fsuid = uid;
	return old;
}

long sys_setfsgid(u32 gid)
{
	struct cred *c = &current->cred;
	u32 old = c->fsgid;

	if (gid != INVALID_ID && (capable_setid() || id_is_own(gid, c->gid, c->egid, c->sgid) ||
				  gid == c->fsgid))
		c->fsgid = gid;
	return old;
}

/*
 * sys_setgroups - root replaces the supplementary groups with @size gids from @list, kept
 * sorted as Linux keeps them (getgroups returns them in ascending order). -EPERM without
 * privilege, -EINVAL for a negative or too large size, -ENOMEM beyond the NGROUPS_SMALL
 * Faultline keeps, -EFAULT for a bad list.
 */
long sys_setgroups(int size, const u32 __user *list)
{
	u32 groups[NGROUPS_SMALL];
	struct cred *c = &current->cred;

	if (!capable_setid())
		return -EPERM;
	if (size < 0 || size > NGROUPS_MAX)
		return -EINVAL;
	if (size > NGROUPS_SMALL)
		return -ENOMEM;
	if (copy_from_user(groups, list, (unsigned long)size * sizeof(u32)))
		return -EFAULT;
	for (int i = 1; i < size; i++)		/* insertion sort: a handful of entries */
		for (int j = i; j > 0 && groups[j - 1] > groups[j]; j--) {
			u32 t = groups[j];

			groups[j] = groups[j - 1];
			groups[j - 1] = t;
		}
	memcpy(c->groups, groups, (size_t)size * sizeof(u32));
	c->ngroups = size;
	return 0;
}

/* sys_getgroups - the number of supplementary groups (@size 0), or copy them to @list:
 * -EINVAL if @size is negative or too small, -EFAULT for a bad list. */
long sys_getgroups(int size, u32 __user *list)
{
	struct cred *c = &current->cred;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if (size < c->ngroups)
		return -EINVAL;
	if (copy_to_user(list, c->groups, (unsigned long)c->ngroups * sizeof(u32)))
		return -EFAULT;
	return c->ngroups;
}

/* --- sysinfo, personality --- */

struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* 1, 5, 15 minute load averages << 16 (not kept: 0) */
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs;		/* processes */
	unsigned short pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;		/* the sizes above are in these units (1: bytes) */
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

/* sys_sysinfo - uptime, memory and swap in bytes (mem_unit 1, as 64-bit Linux reports it)
 * and the number of processes. 0 or -EFAULT. */
long sys_sysinfo(struct sysinfo __user *info)
{
	extern struct list_head task_list;
	struct sysinfo si;
	struct task_struct *p;
	unsigned int procs = 0;

	memset(&si, 0, sizeof(si));
	si.uptime = (long)(ktime_get_ns() / 1000000000ULL) + 1;
	si.totalram = totalram_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	si_swapinfo(&si.totalswap, &si.freeswap);	/* in pages: free(1) shows them */
	si.totalswap *= PAGE_SIZE;
	si.freeswap *= PAGE_SIZE;
	list_for_each_entry(p, &task_list, tasks)
		procs++;
	si.procs = (unsigned short)procs;
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

#define PER_QUERY	0xffffffffU

/* sys_personality - set the execution domain (kept, never acted on: Faultline is only
 * PER_LINUX) unless @persona is 0xffffffff, the query; returns the old one. */
long sys_personality(unsigned int persona)
{
	unsigned int old = current->personality;

	if (persona != PER_QUERY)
		current->personality = persona;
	return old;
}
