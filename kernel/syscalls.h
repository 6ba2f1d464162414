/*
 * kernel/syscalls.h - the system calls implemented in kernel/ and mm/ (the file-system ones
 * are in fs/syscalls.h). Each takes its arguments as the Linux x86-64 ABI passes them.
 */
#ifndef FAULTLINE_SYSCALLS_H
#define FAULTLINE_SYSCALLS_H

#include "kernel/types.h"
#include "kernel/uaccess.h"

struct pt_regs;
struct rusage;
struct k_sigaction;

/* do_syscall_64 - dispatch the system call in regs->orig_rax (called by entry_SYSCALL_64). */
void do_syscall_64(struct pt_regs *regs);
/* syscall_init - program the SYSCALL MSRs (STAR, LSTAR, SYSCALL_MASK) and enable SCE. */
void syscall_init(void);

long sys_fork(void);
long sys_vfork(void);
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       int __user *child_tid, unsigned long tls);
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);
long sys_exit(int status);
long sys_exit_group(int status);
long sys_wait4(pid_t pid, int __user *wstatus, int options, struct rusage __user *ru);
long sys_getrusage(int who, struct rusage __user *ru);
long sys_kill(pid_t pid, int sig);
long sys_tgkill(pid_t tgid, pid_t tid, int sig);
long sys_rt_sigaction(int sig, const struct k_sigaction __user *act, struct k_sigaction __user *oact,
		      size_t sigsetsize);
long sys_rt_sigprocmask(int how, const unsigned long __user *set, unsigned long __user *oset,
			size_t sigsetsize);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      unsigned long fd, unsigned long off);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot);
long sys_brk(unsigned long brk);
long sys_madvise(unsigned long start, unsigned long len, int advice);
/* mm/swapfile.c: start and stop swapping to a block device (Linux ABI). */
long sys_swapon(const char __user *specialfile, int swap_flags);
long sys_swapoff(const char __user *specialfile);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec);
/* mm/mlock.c: locking memory (Linux ABI). */
long sys_mlock(unsigned long start, size_t len);
long sys_munlock(unsigned long start, size_t len);
long sys_mlock2(unsigned long start, size_t len, int flags);
long sys_mlockall(int flags);
long sys_munlockall(void);
/* System V shared memory (ipc/shm.c). */
long sys_shmget(int key, size_t size, int shmflg);
long sys_shmat(int shmid, unsigned long shmaddr, int shmflg);
long sys_shmdt(unsigned long shmaddr);
long sys_shmctl(int shmid, int cmd, void __user *buf);

/* kernel_execve - execve with kernel strings (start_init uses it). 0 or -errno. */
int kernel_execve(const char *filename, char *const argv[], char *const envp[]);
/* kernel_clone - fork/vfork/clone. The child's pid or -errno. */
long kernel_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		  int __user *child_tid, unsigned long tls);
/* schedule_timeout_ns - sleep until ktime @wakeup_ns; 0 or -EINTR. */
int schedule_timeout_ns(u64 wakeup_ns);
/* cpu_idle - the idle loop the boot flow ends in. */
__noreturn void cpu_idle(void);

#endif
