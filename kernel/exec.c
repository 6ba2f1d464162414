/*
 * kernel/exec.c - execve: replace the current program with a new one.
 *
 * The new image is built in a fresh mm while the old one is untouched, so any failure
 * (no such file, a malformed ELF, out of memory) returns an error to the old program. Only
 * then comes the point of no return: the task switches to the new mm, the old one is dropped
 * (freeing its pages unless a vfork parent still uses it), close-on-exec files are closed and
 * the user registers are set to start the program.
 */
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/binfmt_elf.h"
#include "kernel/errno.h"
#include "kernel/io.h"
#include "kernel/printk.h"
#include "kernel/desc.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"
#include "mm/mmap.h"
#include "mm/vmalloc.h"
#include "mm/slab.h"
#include "fs/fs.h"

#define MAX_ARG_STRINGS	1024
#define ARG_MAX		(128 * 1024)	/* bytes of argv + envp strings */

void mm_release(struct task_struct *task);

/* The argument strings, copied into one kernel buffer, with pointer arrays into it. */
struct exec_args {
	char *buf;			/* vmalloc'ed, ARG_MAX bytes */
	size_t used;
	char *argv[MAX_ARG_STRINGS + 1];
	char *envp[MAX_ARG_STRINGS + 1];
	int argc, envc;
};

/* Copy a NULL-terminated user array of strings into @a. Returns the count or -errno. */
static int copy_strings(struct exec_args *a, const char __user *const __user *uvec, char **out)
{
	int n = 0;

	if (!uvec) {
		out[0] = NULL;
		return 0;
	}
	for (;;) {
		const char __user *ustr;
		long len;

		if (get_user(ustr, uvec + n))
			return -EFAULT;
		if (!ustr)
			break;
		if (n == MAX_ARG_STRINGS)
			return -E2BIG;
		len = strncpy_from_user(a->buf + a->used, ustr, (long)(ARG_MAX - a->used));
		if (len == -ENAMETOOLONG)
			return -E2BIG;
		if (len < 0)
			return (int)len;
		out[n++] = a->buf + a->used;
		a->used += (size_t)len + 1;
	}
	out[n] = NULL;
	return n;
}

/*
 * kernel_execve - run @filename with kernel strings @argv/@envp in the current task.
 * Returns -errno on failure (the old program continues); on success the task's user
 * registers start the new program, and 0 is returned (the syscall's return value is ignored).
 */
int kernel_execve(const char *filename, char *const argv[], char *const envp[])
{
	struct linux_binprm bprm = { .argv = argv, .envp = envp, .filename = filename };
	struct mm_struct *old;
	struct pt_regs *regs = current_pt_regs();
	int err;

	while (argv[bprm.argc])
		bprm.argc++;
	while (envp[bprm.envc])
		bprm.envc++;
	bprm.file = filp_open(filename, O_RDONLY, 0);
	if (IS_ERR(bprm.file))
		return (int)PTR_ERR(bprm.file);
	if (!S_ISREG(bprm.file->f_inode->i_mode)) {
		fput(bprm.file);
		return -EACCES;
	}
	err = deny_write_access(bprm.file);	/* -ETXTBSY if open for writing */
	if (err) {
		fput(bprm.file);
		return err;
	}
	bprm.mm = mm_alloc();
	if (!bprm.mm) {
		allow_write_access(bprm.file);
		fput(bprm.file);
		return -ENOMEM;
	}
	err = load_elf_binary(&bprm);
	if (!err)
		err = set_mm_exe_file(bprm.mm, bprm.file);	/* writers denied while it runs */
	allow_write_access(bprm.file);
	fput(bprm.file);			/* the VMAs hold their own references */
	if (!err)
		err = de_thread();		/* the other threads end; we keep the pid */
	if (err) {
		mmput(bprm.mm);
		return err;
	}

	/* Point of no return. */
	old = current->mm;
	mm_release(current);			/* a vfork parent may run again */
	current->mm = bprm.mm;
	switch_mm(bprm.mm);
	if (old)
		mmput(old);
	if (current->files)
		do_close_on_exec(current->files);
	const char *base = strrchr(filename, '/');
	set_task_comm(current, base ? base + 1 : filename);
	flush_signal_handlers(current);
	current->thread.fsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	fpu_reset(&current->thread);
	__asm__ __volatile__("fxrstor64 %0" :: "m"(current->thread.fxsave));

	memset(regs, 0, sizeof(*regs));
	regs->rip = bprm.entry;
	regs->rsp = bprm.sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->rflags = 0x202;			/* IF */
	regs->vector = (unsigned long)-1;
	return 0;
}

long sys_execve(const char __user *ufilename, const char __user *const __user *uargv,
		const char __user *const __user *uenvp)
{
	struct exec_args *a = kmalloc(sizeof(*a), GFP_KERNEL);
	char *filename;
	long err;

	if (!a)
		return -ENOMEM;
	a->buf = vmalloc(ARG_MAX);
	if (!a->buf) {
		kfree(a);
		return -ENOMEM;
	}
	a->used = 0;
	filename = a->buf;
	err = strncpy_from_user(filename, ufilename, 4096);
	if (err < 0)
		goto out;
	a->used = (size_t)err + 1;
	err = copy_strings(a, uargv, a->argv);
	if (err < 0)
		goto out;
	a->argc = (int)err;
	if (!a->argc) {
		/* An empty argv gets "" as argv[0], so argc is 1 (Linux since 5.18): programs
		 * that take argv[1] onwards as their arguments must not read envp instead. */
		pr_info("process '%s' launched '%s' with NULL argv: empty string added\n",
			current->comm, filename);
		a->argv[0] = a->buf + a->used;
		a->buf[a->used++] = '\0';
		a->argv[1] = NULL;
		a->argc = 1;
	}
	err = copy_strings(a, uenvp, a->envp);
	if (err < 0)
		goto out;
	a->envc = (int)err;
	err = kernel_execve(filename, a->argv, a->envp);
out:
	vfree(a->buf);
	kfree(a);
	return err;
}
