/*
 * kernel/cred.h - who a process is (Linux's struct cred, cut down) and its resource limits.
 *
 * The ids are kept as Linux keeps them: real, effective, saved and file-system uid and gid,
 * and the supplementary groups. Faultline checks permissions only where the system calls
 * themselves need it (kernel/sys.c): root (euid 0) may set any id; others may only move
 * between their real, effective and saved ids. Files have no owners yet, so the ids change
 * what the calls report, not what a process may open.
 */
#ifndef FAULTLINE_CRED_H
#define FAULTLINE_CRED_H

#include "kernel/types.h"

#define NGROUPS_MAX	65536		/* Linux's limit for setgroups */
#define NGROUPS_SMALL	32		/* Faultline keeps this many supplementary groups */

struct cred {
	u32 uid, euid, suid, fsuid;
	u32 gid, egid, sgid, fsgid;
	int ngroups;
	u32 groups[NGROUPS_SMALL];
};

/* Resource limits (Linux's struct rlimit64 and RLIMIT_* numbers). */
struct rlimit64 {
	u64 rlim_cur, rlim_max;
};
#define RLIMIT_STACK	3
#define RLIMIT_NOFILE	7
#define RLIMIT_MEMLOCK	8
#define RLIM_NLIMITS	16
#define RLIM_INFINITY	(~0ULL)

/* Linux's boot defaults for RLIMIT_NOFILE (INR_OPEN_CUR, INR_OPEN_MAX) and fs.nr_open, the
 * most a hard limit may be raised to. */
#define INR_OPEN_CUR	1024
#define INR_OPEN_MAX	4096
#define NR_OPEN_MAX	1048576
/* Linux's (5.16+) boot default for RLIMIT_MEMLOCK, soft and hard: 8 MiB may be mlocked. */
#define MLOCK_LIMIT	(8ULL << 20)

/* rlim_init - the limits of the first process (others inherit their parent's at fork). */
void rlim_init(struct rlimit64 *rlim);

/* rlimit - the current task's soft limit for @resource. */
u64 rlimit(unsigned int resource);

#endif
