/*
 * kernel/pgrp.c - process groups and sessions: setpgid, getpgid, getpgrp, setsid, getsid,
 * with Linux's rules and errors (kernel/sys.c in Linux).
 *
 * Every process belongs to a process group (pgid: the pid of the group's leader) inside a
 * session (sid: the pid of the session's leader). fork inherits both; kill(0, sig) and
 * kill(-pgid, sig) signal a whole group (kernel/signal.c); a shell puts each pipeline in a
 * group of its own. The first process, init, is in group 0 and session 0, as on Linux.
 * Both belong to the process, so they live in its group leader (a thread's own copy of the
 * fields is not used).
 */
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/errno.h"

/* Does any live process in session @sid belong to process group @pgid? */
static bool pgrp_in_session(pid_t pgid, pid_t sid)
{
	struct task_struct *task;

	list_for_each_entry(task, &task_list, tasks)
		if (task->state != TASK_DEAD && thread_group_leader(task) && task->pgid == pgid &&
		    task->sid == sid)
			return true;
	return false;
}

/* Is there any process (zombies included) whose process group is @pgid? */
static bool pgrp_exists(pid_t pgid)
{
	struct task_struct *task;

	list_for_each_entry(task, &task_list, tasks)
		if (task->state != TASK_DEAD && thread_group_leader(task) && task->pgid == pgid)
			return true;
	return false;
}

/* find_process - the process @pid (0: the caller), not reaped, or NULL. */
static struct task_struct *find_process(pid_t pid)
{
	struct task_struct *task = pid ? find_task_by_pid(pid) : current->group_leader;

	if (!task || task->pid == 0 || task->state == TASK_DEAD)
		return NULL;
	return task->group_leader;	/* a thread id names its process */
}

/*
 * sys_setpgid - put process @pid (0: the caller) into group @pgid (0: its own pid). Returns
 * 0, or -EINVAL (@pgid < 0), -ESRCH (not the caller or one of its children), -EACCES (a child
 * that has exec'ed), -EPERM (a session leader, a child in another session, or a group @pgid
 * that does not exist in the caller's session).
 */
long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p;

	if (pgid < 0)
		return -EINVAL;
	p = find_process(pid);
	if (!p || (p != current->group_leader && p->parent != current->group_leader))
		return -ESRCH;
	if (!pgid)
		pgid = p->pid;
	if (p != current->group_leader) {
		if (p->sid != current->group_leader->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	}
	if (p->sid == p->pid)			/* a session leader stays in its group */
		return -EPERM;
	if (pgid != p->pid && !pgrp_in_session(pgid, current->group_leader->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

/* sys_getpgid - the process group of @pid (0: the caller), or -ESRCH. */
long sys_getpgid(pid_t pid)
{
	struct task_struct *p = find_process(pid);

	return p ? p->pgid : -ESRCH;
}

/* sys_getpgrp - the caller's process group. */
long sys_getpgrp(void)
{
	return current->group_leader->pgid;
}

/* sys_getsid - the session of @pid (0: the caller), or -ESRCH. */
long sys_getsid(pid_t pid)
{
	struct task_struct *p = find_process(pid);

	return p ? p->sid : -ESRCH;
}

/* sys_setsid - make the caller the leader of a new session and of a new process group, both
 * numbered with its pid. Returns that pid, or -EPERM if a process group with that number
 * already exists (the caller leads one). */
long sys_setsid(void)
{
	if (pgrp_exists(current->group_leader->pid))
		return -EPERM;
	current->group_leader->sid = current->group_leader->pid;
	current->group_leader->pgid = current->group_leader->pid;
	return current->group_leader->pid;
}
