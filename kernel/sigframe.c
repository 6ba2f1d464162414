/*
 * kernel/sigframe.c - running a signal handler: the rt_sigframe on the user stack,
 * rt_sigreturn, and the alternate signal stack (sigaltstack). Linux's
 * arch/x86/kernel/signal.c, for 64-bit programs only.
 *
 * The frame, from the handler's rsp upwards (Linux's layout, byte for byte):
 *
 *	rsp ->	pretcode	sa_restorer: the handler's `ret` goes there (it calls rt_sigreturn)
 *		struct ucontext	uc_flags, uc_link, uc_stack, uc_mcontext (struct sigcontext: the
 *				interrupted registers), uc_sigmask (the mask to restore)
 *		siginfo_t	128 bytes: signo, errno, code, then the per-kind union
 *		...		(padding)
 *		fxsave area	512 bytes, 64-byte aligned: the interrupted x87/SSE state
 *		...		(padding)
 *		red zone	128 bytes the interrupted code may use below its rsp: untouched
 *	old rsp ->
 *
 * The handler starts with rsp = 16n - 8 (as just after a call), rdi = signal, rsi = &info,
 * rdx = &uc, rax = 0, and a clean FPU state. rt_sigreturn reads the ucontext back: every
 * general register, rip, the user-changeable flags, the mask, the alternate stack and the FPU
 * state. A forged frame cannot hurt the kernel: only the user-changeable flags are taken (not
 * IOPL, IF, NT), and a frame with a non-canonical rip, selectors other than the user's, or
 * MXCSR bits the CPU lacks (fxrstor would fault in ring 0) is refused with SIGSEGV, the
 * outcome these have on Linux.
 *
 * The FPU area is a plain fxsave image; its software-reserved bytes 464..511 are zero, which
 * is what Linux writes on a CPU without XSAVE (FP_XSTATE_MAGIC1 absent: "legacy fxsave
 * frame"), and what Linux's own rt_sigreturn accepts. uc_flags is UC_SIGCONTEXT_SS |
 * UC_STRICT_RESTORE_SS, as Linux sets it without XSAVE.
 */
#include "kernel/sigframe.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/errno.h"
#include "kernel/desc.h"
#include "kernel/printk.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"

/* Linux's struct sigcontext (x86-64): uc_mcontext. */
struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;			/* user address of the fxsave area, 0 if none */
	u64 reserved1[8];
};

/* stack_t */
struct user_stack {
	u64 ss_sp;
	int ss_flags;
	int __pad;
	u64 ss_size;
};

struct ucontext {
	u64 uc_flags;
	u64 uc_link;
	struct user_stack uc_stack;
	struct sigcontext_64 uc_mcontext;
	u64 uc_sigmask;
};

/* siginfo_t: three ints, then a union aligned to 8. */
struct user_siginfo {
	int si_signo, si_errno, si_code, __pad;
	union {
		u8 __size[112];
		struct { int pid; u32 uid; } kill;
		struct { int pid; u32 uid; int status; int __pad; long utime, stime; } chld;
		struct { u64 addr; } fault;
	};
};

struct rt_sigframe {
	u64 pretcode;
	struct ucontext uc;
	struct user_siginfo info;
};

_Static_assert(sizeof(struct sigcontext_64) == 256, "struct sigcontext is 256 bytes");
_Static_assert(sizeof(struct ucontext) == 304, "struct ucontext is 304 bytes");
_Static_assert(sizeof(struct user_siginfo) == 128, "siginfo_t is 128 bytes");
_Static_assert(__builtin_offsetof(struct rt_sigframe, info) == 312, "rt_sigframe.info");

#define UC_SIGCONTEXT_SS	0x2
#define UC_STRICT_RESTORE_SS	0x4

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define SS_FLAG_BITS	SS_AUTODISARM
#define MINSIGSTKSZ	2048

#define FXSAVE_SIZE		512
#define FXSAVE_SW_RESERVED	464	/* bytes 464..511: software-reserved */
#define FXSAVE_MXCSR		24
#define RED_ZONE		128

/* The flags a user may change (Linux's FIX_EFLAGS): not IF, IOPL, NT, VM, ... */
#define FIX_EFLAGS	(0x1UL | 0x4UL | 0x10UL | 0x40UL | 0x80UL | 0x100UL | 0x400UL | \
			 0x800UL | 0x10000UL | 0x40000UL)	/* CF PF AF ZF SF TF DF OF RF AC */
#define X86_EFLAGS_TF	0x100UL
#define X86_EFLAGS_DF	0x400UL
#define X86_EFLAGS_RF	0x10000UL

/* Is @sp on the current task's alternate signal stack? */
static bool on_sig_stack(unsigned long sp)
{
	return current->sas_ss_size && sp > current->sas_ss_sp &&
	       sp - current->sas_ss_sp <= current->sas_ss_size;
}

/* The ss_flags sigaltstack reports for stack pointer @sp. */
static int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

int copy_siginfo_to_user(void __user *to, int sig, const struct ksiginfo *info)
{
	struct user_siginfo si;
	bool specific = info->code > 0 && info->code != SI_KERNEL;

	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = info->code;
	if (specific && sig == SIGCHLD) {
		si.chld.pid = info->pid;
		si.chld.status = info->status;
	} else if (specific && (sigmask(sig) & (sigmask(SIGSEGV) | sigmask(SIGBUS) |
						sigmask(SIGILL) | sigmask(SIGFPE) | sigmask(SIGTRAP)))) {
		si.fault.addr = info->addr;
	} else {
		si.kill.pid = info->pid;
	}
	return copy_to_user(to, &si, sizeof(si)) ? -EFAULT : 0;
}

/* fill_sigcontext - the interrupted registers of @regs into @sc. */
static void fill_sigcontext(struct sigcontext_64 *sc, const struct pt_regs *regs, int sig,
			    const struct ksiginfo *info, unsigned long oldmask)
{
	sc->r8 = regs->r8;   sc->r9 = regs->r9;   sc->r10 = regs->r10; sc->r11 = regs->r11;
	sc->r12 = regs->r12; sc->r13 = regs->r13; sc->r14 = regs->r14; sc->r15 = regs->r15;
	sc->rdi = regs->rdi; sc->rsi = regs->rsi; sc->rbp = regs->rbp; sc->rbx = regs->rbx;
	sc->rdx = regs->rdx; sc->rax = regs->rax; sc->rcx = regs->rcx; sc->rsp = regs->rsp;
	sc->rip = regs->rip;
	sc->eflags = regs->rflags;
	sc->cs = (u16)regs->cs;
	sc->ss = (u16)regs->ss;
	if (regs->vector < 32) {		/* an exception: what the CPU reported */
		sc->trapno = regs->vector;
		sc->err = regs->orig_rax;
		if (regs->vector == 14 && (sig == SIGSEGV || sig == SIGBUS))
			sc->cr2 = info->addr;
	}
	sc->oldmask = oldmask;
}

int setup_rt_frame(int sig, const struct k_sigaction *ka, const struct ksiginfo *info,
		   unsigned long oldmask, struct pt_regs *regs)
{
	struct rt_sigframe frame;
	unsigned long sp = regs->rsp - RED_ZONE, fx, fp;
	struct rt_sigframe __user *uf;
	u8 *fxsave = current->thread.fxsave;

	/* x86-64 has no default restorer in the kernel: Linux refuses, and so SIGSEGV. */
	if (!(ka->flags & SA_RESTORER))
		return -EFAULT;
	if ((ka->flags & SA_ONSTACK) && sas_ss_flags(regs->rsp) == 0)
		sp = current->sas_ss_sp + current->sas_ss_size;
	fx = (sp - FXSAVE_SIZE) & ~63UL;
	fp = ((fx - sizeof(frame)) & ~15UL) - 8;
	/* Already on the alternate stack and about to run off its bottom: a stack overflow. */
	if (on_sig_stack(regs->rsp) && !on_sig_stack(fp))
		return -EFAULT;
	uf = (struct rt_sigframe __user *)fp;

	/* The live FPU registers are the user's (the kernel does not use them): save them. */
	__asm__ __volatile__("fxsave64 %0" : "=m"(current->thread.fxsave));
	memset(fxsave + FXSAVE_SW_RESERVED, 0, FXSAVE_SIZE - FXSAVE_SW_RESERVED);
	if (copy_to_user((void __user *)fx, fxsave, FXSAVE_SIZE))
		return -EFAULT;

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = ka->restorer;
	frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	frame.uc.uc_stack.ss_sp = current->sas_ss_sp;
	frame.uc.uc_stack.ss_flags = sas_ss_flags(regs->rsp) | (int)current->sas_ss_flags;
	frame.uc.uc_stack.ss_size = current->sas_ss_size;
	fill_sigcontext(&frame.uc.uc_mcontext, regs, sig, info, oldmask);
	frame.uc.uc_mcontext.fpstate = fx;
	frame.uc.uc_sigmask = oldmask;
	if (copy_to_user(uf, &frame, __builtin_offsetof(struct rt_sigframe, info)) ||
	    copy_siginfo_to_user(&uf->info, sig, info))
		return -EFAULT;
	if (current->sas_ss_flags & SS_AUTODISARM) {	/* the handler may longjmp away */
		current->sas_ss_sp = 0;
		current->sas_ss_size = 0;
	}

	regs->rdi = (unsigned long)sig;
	regs->rsi = (unsigned long)&uf->info;
	regs->rdx = (unsigned long)&uf->uc;
	regs->rax = 0;
	regs->rsp = fp;
	regs->rip = ka->handler;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->rflags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
	fpu_load_clean();		/* the handler starts with a clean FPU, as on Linux */
	return 0;
}

/*
 * do_sigaltstack - set the alternate stack from @ss (NULL: keep) and report the old one in
 * @oss (NULL: don't), for a task whose user stack pointer is @sp. Returns 0, -EPERM (running
 * on the alternate stack), -EINVAL (bad ss_flags) or -ENOMEM (smaller than MINSIGSTKSZ).
 */
static int do_sigaltstack(const struct user_stack *ss, struct user_stack *oss, unsigned long sp)
{
	struct task_struct *t = current;

	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) | (int)(t->sas_ss_flags & SS_FLAG_BITS);
	}
	if (ss) {
		unsigned int flags = (unsigned int)ss->ss_flags, mode = flags & ~SS_FLAG_BITS;
		u64 ss_sp = ss->ss_sp, ss_size = ss->ss_size;

		if (on_sig_stack(sp))
			return -EPERM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			ss_sp = 0;
			ss_size = 0;
		} else if (ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		t->sas_ss_sp = ss_sp;
		t->sas_ss_size = ss_size;
		t->sas_ss_flags = flags & SS_FLAG_BITS;
	}
	return 0;
}

/* sys_sigaltstack - set and/or get the alternate signal stack (stack_t). 0 or -errno as
 * do_sigaltstack, -EFAULT for a bad pointer. */
long sys_sigaltstack(const struct user_stack __user *uss, struct user_stack __user *uoss)
{
	struct user_stack new, old;
	int err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL, current_pt_regs()->rsp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return err;
}

/* A user rip is safe to return to if it is canonical (sysret and iret fault in ring 0
 * otherwise); a kernel-half rip merely page-faults in user mode. */
static bool rip_canonical(u64 rip)
{
	return rip < 0x0000800000000000UL || rip >= 0xffff800000000000UL;
}

/*
 * sys_rt_sigreturn - the handler returned (through sa_restorer): restore what the frame at
 * the user rsp - 8 says. Returns the restored rax (so the interrupted code sees its own
 * value). A frame that cannot be read or makes no sense is SIGSEGV for the process.
 */
long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = current_pt_regs();
	const struct rt_sigframe __user *uf = (const void __user *)(regs->rsp - 8);
	struct ucontext uc;
	const struct sigcontext_64 *sc = &uc.uc_mcontext;
	u32 mxcsr;

	if (copy_from_user(&uc, &uf->uc, sizeof(uc)) || !rip_canonical(sc->rip))
		goto badframe;
	/* Selectors: Linux loads cs | 3 and ss | 3 and lets iret fault on anything but the
	 * user's (a #GP, so SIGSEGV); the result is the same without the trip through iret.
	 * Only a frame marked UC_STRICT_RESTORE_SS has its ss checked (older ones get the
	 * user's, Linux's force_valid_ss). A 32-bit cs (0x23) is refused too: no compat mode. */
	if ((sc->cs | 3) != __USER_CS ||
	    ((uc.uc_flags & UC_STRICT_RESTORE_SS) && (sc->ss | 3) != __USER_DS))
		goto badframe;
	if (sc->fpstate) {
		if (copy_from_user(current->thread.fxsave, (const void __user *)sc->fpstate,
				   FXSAVE_SIZE))
			goto badframe;
		/* MXCSR bits this CPU lacks would make fxrstor #GP in ring 0: Linux 6.1 refuses
		 * such a frame (SIGSEGV), and so do we. */
		memcpy(&mxcsr, current->thread.fxsave + FXSAVE_MXCSR, sizeof(mxcsr));
		if (mxcsr & ~mxcsr_feature_mask)
			goto badframe;
		__asm__ __volatile__("fxrstor64 %0" :: "m"(current->thread.fxsave));
	} else {
		fpu_load_clean();
	}

	regs->r8 = sc->r8;   regs->r9 = sc->r9;   regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->rdi = sc->rdi; regs->rsi = sc->rsi; regs->rbp = sc->rbp; regs->rbx = sc->rbx;
	regs->rdx = sc->rdx; regs->rax = sc->rax; regs->rcx = sc->rcx; regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	regs->rflags = (regs->rflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->orig_rax = (unsigned long)-1;	/* not a system call to restart */
	set_current_blocked(uc.uc_sigmask);
	do_sigaltstack(&uc.uc_stack, NULL, regs->rsp);	/* errors squashed, as in Linux */
	return (long)regs->rax;

badframe:
	pr_info("%s[%d] bad frame in rt_sigreturn frame:%lx ip:%lx sp:%lx\n", current->comm,
		current->pid, (unsigned long)uf, regs->rip, regs->rsp);
	force_sigsegv(0);
	return (long)regs->rax;
}
