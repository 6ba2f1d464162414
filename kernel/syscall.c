/*
 * kernel/syscall.c - the system-call table and dispatcher (Linux x86-64 numbers).
 *
 * entry_SYSCALL_64 saves the registers as struct pt_regs and calls do_syscall_64, which
 * calls sys_call_table[rax] with the six argument registers (rdi, rsi, rdx, r10, r8, r9) and
 * puts the result, or -errno, back in rax. An unknown number returns -ENOSYS and is logged the
 * first time it is seen.
 */
#include "kernel/entry_common.h"
#include "kernel/syscalls.h"
#include "kernel/sched.h"
#include "kernel/desc.h"
#include "kernel/errno.h"
#include "kernel/io.h"
#include "kernel/printk.h"
#include "fs/syscalls.h"

typedef long (*syscall_fn_t)(unsigned long, unsigned long, unsigned long, unsigned long,
			     unsigned long, unsigned long);

/* Handlers have their own prototypes; all arguments travel in registers, so calling them
 * through this one type is what the ABI does anyway (Linux generates wrappers for the same). */
#define SYSCALL(nr, fn) [nr] = (syscall_fn_t)(void (*)(void))(fn)

long sys_getpid(void);
long sys_gettid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_getgid(void);
long sys_geteuid(void);
long sys_getegid(void);
long sys_getpgid(pid_t pid);
long sys_getpgrp(void);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_getsid(pid_t pid);
long sys_setsid(void);
long sys_umask(int mask);
long sys_sched_yield(void);
long sys_uname(void __user *name);
long sys_clock_gettime(int which, void __user *tp);
long sys_clock_getres(int which, void __user *tp);
long sys_gettimeofday(long __user *tv, void __user *tz);
long sys_time(long __user *t);
long sys_nanosleep(const void __user *req, void __user *rem);
long sys_clock_nanosleep(int which, int flags, const void __user *req, void __user *rem);
long sys_getrandom(void __user *buf, size_t len, unsigned int flags);
long sys_arch_prctl(int code, unsigned long addr);
long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5);
long sys_set_tid_address(int __user *tidptr);
long sys_prlimit64(pid_t pid, unsigned int resource, const void __user *new, void __user *old);
long sys_getrlimit(unsigned int resource, void __user *rlim);
long sys_setrlimit(unsigned int resource, const void __user *rlim);
long sys_sched_getaffinity(pid_t pid, size_t len, unsigned long __user *mask);
long sys_sched_setaffinity(pid_t pid, size_t len, const unsigned long __user *mask);
long sys_futex(u32 __user *uaddr, int op, u32 val, const void __user *utime, u32 __user *uaddr2,
	       u32 val3);
long sys_set_robust_list(void __user *head, size_t len);
long sys_get_robust_list(int pid, void __user *head_ptr, size_t __user *len_ptr);
long sys_clone3(void __user *uargs, size_t size);
long sys_rseq(void __user *rseq, u32 rseq_len, int flags, u32 sig);
long sys_membarrier(int cmd, unsigned int flags, int cpu_id);
long sys_sigaltstack(const void __user *ss, void __user *old);
long sys_tkill(pid_t tid, int sig);
long sys_setuid(u32 uid);
long sys_setgid(u32 gid);
long sys_setreuid(u32 ruid, u32 euid);
long sys_setregid(u32 rgid, u32 egid);
long sys_setresuid(u32 ruid, u32 euid, u32 suid);
long sys_getresuid(u32 __user *ruid, u32 __user *euid, u32 __user *suid);
long sys_setresgid(u32 rgid, u32 egid, u32 sgid);
long sys_getresgid(u32 __user *rgid, u32 __user *egid, u32 __user *sgid);
long sys_setfsuid(u32 uid);
long sys_setfsgid(u32 gid);
long sys_getgroups(int size, u32 __user *list);
long sys_setgroups(int size, const u32 __user *list);
struct sysinfo;
long sys_sysinfo(struct sysinfo __user *info);
long sys_personality(unsigned int persona);
long sys_rt_sigreturn(void);
long sys_rt_sigpending(void __user *set, size_t sigsetsize);
long sys_rt_sigtimedwait(const void __user *these, void __user *info, const void __user *ts,
			 size_t sigsetsize);
long sys_rt_sigsuspend(const void __user *set, size_t sigsetsize);
long sys_pause(void);
long sys_alarm(unsigned int seconds);
long sys_getitimer(int which, void __user *value);
long sys_setitimer(int which, const void __user *value, void __user *ovalue);

#define NR_syscalls 436

static const syscall_fn_t sys_call_table[NR_syscalls] = {
	SYSCALL(0, sys_read),
	SYSCALL(1, sys_write),
	SYSCALL(2, sys_open),
	SYSCALL(3, sys_close),
	SYSCALL(4, sys_stat),
	SYSCALL(5, sys_fstat),
	SYSCALL(6, sys_lstat),
	SYSCALL(8, sys_lseek),
	SYSCALL(9, sys_mmap),
	SYSCALL(10, sys_mprotect),
	SYSCALL(11, sys_munmap),
	SYSCALL(12, sys_brk),
	SYSCALL(13, sys_rt_sigaction),
	SYSCALL(14, sys_rt_sigprocmask),
	SYSCALL(15, sys_rt_sigreturn),
	SYSCALL(16, sys_ioctl),
	SYSCALL(17, sys_pread64),
	SYSCALL(18, sys_pwrite64),
	SYSCALL(19, sys_readv),
	SYSCALL(20, sys_writev),
	SYSCALL(21, sys_access),
	SYSCALL(22, sys_pipe),
	SYSCALL(24, sys_sched_yield),
	SYSCALL(25, sys_mremap),
	SYSCALL(27, sys_mincore),
	SYSCALL(28, sys_madvise),
	SYSCALL(29, sys_shmget),
	SYSCALL(30, sys_shmat),
	SYSCALL(31, sys_shmctl),
	SYSCALL(32, sys_dup),
	SYSCALL(33, sys_dup2),
	SYSCALL(34, sys_pause),
	SYSCALL(35, sys_nanosleep),
	SYSCALL(36, sys_getitimer),
	SYSCALL(37, sys_alarm),
	SYSCALL(38, sys_setitimer),
	SYSCALL(39, sys_getpid),
	SYSCALL(56, sys_clone),
	SYSCALL(57, sys_fork),
	SYSCALL(58, sys_vfork),
	SYSCALL(59, sys_execve),
	SYSCALL(60, sys_exit),
	SYSCALL(61, sys_wait4),
	SYSCALL(62, sys_kill),
	SYSCALL(63, sys_uname),
	SYSCALL(67, sys_shmdt),
	SYSCALL(72, sys_fcntl),
	SYSCALL(74, sys_fsync),
	SYSCALL(75, sys_fdatasync),
	SYSCALL(79, sys_getcwd),
	SYSCALL(83, sys_mkdir),
	SYSCALL(84, sys_rmdir),
	SYSCALL(87, sys_unlink),
	SYSCALL(95, sys_umask),
	SYSCALL(96, sys_gettimeofday),
	SYSCALL(97, sys_getrlimit),
	SYSCALL(98, sys_getrusage),
	SYSCALL(99, sys_sysinfo),
	SYSCALL(102, sys_getuid),
	SYSCALL(104, sys_getgid),
	SYSCALL(105, sys_setuid),
	SYSCALL(106, sys_setgid),
	SYSCALL(107, sys_geteuid),
	SYSCALL(108, sys_getegid),
	SYSCALL(109, sys_setpgid),
	SYSCALL(110, sys_getppid),
	SYSCALL(111, sys_getpgrp),
	SYSCALL(112, sys_setsid),
	SYSCALL(113, sys_setreuid),
	SYSCALL(114, sys_setregid),
	SYSCALL(115, sys_getgroups),
	SYSCALL(116, sys_setgroups),
	SYSCALL(117, sys_setresuid),
	SYSCALL(118, sys_getresuid),
	SYSCALL(119, sys_setresgid),
	SYSCALL(120, sys_getresgid),
	SYSCALL(121, sys_getpgid),
	SYSCALL(124, sys_getsid),
	SYSCALL(122, sys_setfsuid),
	SYSCALL(123, sys_setfsgid),
	SYSCALL(127, sys_rt_sigpending),
	SYSCALL(128, sys_rt_sigtimedwait),
	SYSCALL(130, sys_rt_sigsuspend),
	SYSCALL(135, sys_personality),
	SYSCALL(131, sys_sigaltstack),
	SYSCALL(157, sys_prctl),
	SYSCALL(158, sys_arch_prctl),
	SYSCALL(160, sys_setrlimit),
	SYSCALL(186, sys_gettid),
	SYSCALL(200, sys_tkill),
	SYSCALL(201, sys_time),
	SYSCALL(202, sys_futex),
	SYSCALL(203, sys_sched_setaffinity),
	SYSCALL(204, sys_sched_getaffinity),
	SYSCALL(217, sys_getdents64),
	SYSCALL(218, sys_set_tid_address),
	SYSCALL(228, sys_clock_gettime),
	SYSCALL(229, sys_clock_getres),
	SYSCALL(230, sys_clock_nanosleep),
	SYSCALL(231, sys_exit_group),
	SYSCALL(234, sys_tgkill),
	SYSCALL(257, sys_openat),
	SYSCALL(258, sys_mkdirat),
	SYSCALL(262, sys_newfstatat),
	SYSCALL(263, sys_unlinkat),
	SYSCALL(269, sys_faccessat),
	SYSCALL(292, sys_dup3),
	SYSCALL(293, sys_pipe2),
	SYSCALL(302, sys_prlimit64),
	SYSCALL(318, sys_getrandom),
	/* the disk issue's file-system calls */
	SYSCALL(26, sys_msync),
	SYSCALL(76, sys_truncate),
	SYSCALL(77, sys_ftruncate),
	SYSCALL(80, sys_chdir),
	SYSCALL(81, sys_fchdir),
	SYSCALL(82, sys_rename),
	SYSCALL(86, sys_link),
	SYSCALL(88, sys_symlink),
	SYSCALL(89, sys_readlink),
	SYSCALL(90, sys_chmod),
	SYSCALL(91, sys_fchmod),
	SYSCALL(92, sys_chown),
	SYSCALL(93, sys_fchown),
	SYSCALL(94, sys_lchown),
	SYSCALL(133, sys_mknod),
	SYSCALL(137, sys_statfs),
	SYSCALL(138, sys_fstatfs),
	SYSCALL(162, sys_sync),
	SYSCALL(165, sys_mount),
	SYSCALL(166, sys_umount2),
	SYSCALL(167, sys_swapon),
	SYSCALL(168, sys_swapoff),
	SYSCALL(259, sys_mknodat),
	SYSCALL(260, sys_fchownat),
	SYSCALL(264, sys_renameat),
	SYSCALL(265, sys_linkat),
	SYSCALL(266, sys_symlinkat),
	SYSCALL(267, sys_readlinkat),
	SYSCALL(268, sys_fchmodat),
	SYSCALL(280, sys_utimensat),
	SYSCALL(306, sys_syncfs),
	SYSCALL(316, sys_renameat2),
	SYSCALL(7, sys_poll),
	SYSCALL(23, sys_select),
	SYSCALL(40, sys_sendfile64),
	SYSCALL(270, sys_pselect6),
	SYSCALL(271, sys_ppoll),
	SYSCALL(334, sys_rseq),
	SYSCALL(273, sys_set_robust_list),
	SYSCALL(274, sys_get_robust_list),
	SYSCALL(324, sys_membarrier),
	SYSCALL(435, sys_clone3),
	SYSCALL(149, sys_mlock),
	SYSCALL(150, sys_munlock),
	SYSCALL(151, sys_mlockall),
	SYSCALL(152, sys_munlockall),
	SYSCALL(325, sys_mlock2),
};

/* Unknown system calls are logged once each (a bitmap over the numbers seen). */
static unsigned long enosys_seen[(1024 + 63) / 64];

void do_syscall_64(struct pt_regs *regs)
{
	unsigned long nr = regs->orig_rax;

	local_irq_enable();
	if (nr < NR_syscalls && sys_call_table[nr]) {
		regs->rax = (unsigned long)sys_call_table[nr](regs->rdi, regs->rsi, regs->rdx,
							      regs->r10, regs->r8, regs->r9);
	} else {
		if (nr >= 1024 || !(enosys_seen[nr / 64] & (1UL << (nr % 64)))) {
			if (nr < 1024)
				enosys_seen[nr / 64] |= 1UL << (nr % 64);
			pr_info("%s[%d]: unknown system call %lu: returning -ENOSYS\n",
				current->comm, current->pid, nr);
		}
		regs->rax = (unsigned long)-ENOSYS;
	}
	exit_to_user_mode(regs);	/* returns with interrupts disabled */
}

void syscall_init(void)
{
	extern char entry_SYSCALL_64[];

	/* SYSCALL loads CS = STAR[47:32], SS = +8; SYSRET loads CS = STAR[63:48] + 16, SS = +8. */
	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	/* Clear TF, DF, IF, IOPL, NT and AC on entry (Linux's mask). */
	wrmsr(MSR_SYSCALL_MASK, 0x47700);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
