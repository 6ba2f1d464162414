/*
 * kernel/init.c - starting the first user process, /init (or init= on the command line).
 */
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/multiboot2.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/desc.h"
#include "kernel/lib/string.h"
#include "fs/fs.h"

extern struct list_head task_list;
void init_entry(void);
long kernel_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		  int __user *child_tid, unsigned long tls);

#define MAX_INIT_ARGS	32

static char init_path[128] = "/init";
static char init_args_buf[256];
static char *init_argv[MAX_INIT_ARGS + 2];
static char *init_envp[] = { "HOME=/", "TERM=linux", "PATH=/bin:/tests", NULL };

/* Parse "init=PATH" and the arguments after a lone "--" (Linux passes those to init). */
static void parse_init_args(void)
{
	const char *dd;
	int argc = 0;

	cmdline_value("init", init_path, sizeof(init_path));
	init_argv[argc++] = init_path;
	dd = NULL;
	for (const char *p = boot_params.cmdline; *p; p++)
		if (!strncmp(p, " -- ", 4)) {
			dd = p;
			break;
		}
	if (dd) {
		strscpy(init_args_buf, dd + 4, sizeof(init_args_buf));
		for (char *p = init_args_buf; *p && argc < MAX_INIT_ARGS;) {
			while (*p == ' ')
				*p++ = '\0';
			if (!*p)
				break;
			init_argv[argc++] = p;
			while (*p && *p != ' ')
				p++;
		}
	}
	init_argv[argc] = NULL;
}

/* The first code pid 1 runs, on its own kernel stack: become /init. */
static void run_init_process(void)
{
	int err = kernel_execve(init_path, init_argv, init_envp);

	if (err) {
		pr_err("Failed to execute %s (error %d)\n", init_path, err);
		panic("No working init found. Try passing init= option to kernel.");
	}
}

int start_init(const char *path, char *const argv[], char *const envp[])
{
	(void)path; (void)argv; (void)envp;
	parse_init_args();
	poweroff_on_init_exit = cmdline_has("poweroff");

	/* pid 1 starts as a copy of the idle task with no mm; its first run execs /init
	 * (init_entry -> init_trampoline) and then drops to user mode. */
	struct task_struct *idle = current;
	if (!idle->files)
		idle->files = files_alloc();
	if (!idle->files || fd_install_console(idle->files))
		panic("start_init: cannot open the console");
	long pid = kernel_clone(0, 0, NULL, NULL, 0);
	if (pid != 1)
		panic("start_init: the first process got pid %ld", pid);
	/* Its switch frame returns to init_entry instead of ret_from_fork (slot 6, see copy_thread). */
	struct task_struct *init = find_task_by_pid(1);
	((unsigned long *)init->thread.rsp)[6] = (unsigned long)init_entry;
	return 0;
}

/* init_trampoline - where pid 1's kernel stack "returns" to: exec /init, then go to user mode. */
void init_trampoline(void)
{
	run_init_process();
}
