/*
 * mm/tests/oom_test.c - self tests of the OOM killer's choice (select_bad_process,
 * oom_badness) on made-up tasks put on the task list for the duration of the test; nothing is
 * killed. The ring-3 tests (user/tests/oom_*.c) check the kill, the wait and the retry.
 */
#include "kernel/selftest.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/lib/string.h"
#include "mm/oom_kill.h"
#include "mm/mm_types.h"

extern struct list_head task_list;

enum { INIT, SMALL, MIDDLE, INIT_VFORK, ZOMBIE, KILLED, KTHREAD, NR_FAKE };

/* Static: a task_struct is over 1 KiB, too big for a handful on a 16 KiB kernel stack. */
static struct task_struct fake[NR_FAKE];
static struct mm_struct fake_mm[NR_FAKE];

/* add_fake - put fake task @i (pid 9000 + i, or 1 for INIT) on the task list with @rss
 * anonymous pages and @ptes page-table pages. */
static void add_fake(int i, unsigned long rss, unsigned long ptes)
{
	memset(&fake[i], 0, sizeof(fake[i]));
	memset(&fake_mm[i], 0, sizeof(fake_mm[i]));
	fake[i].pid = i == INIT ? 1 : 9000 + i;
	fake[i].state = TASK_INTERRUPTIBLE;
	fake[i].mm = &fake_mm[i];
	fake_mm[i].mm_users = 1;
	fake_mm[i].rss_stat[MM_ANONPAGES] = (long)rss;
	fake_mm[i].pgtables_bytes = ptes * PAGE_SIZE;
	INIT_LIST_HEAD(&fake[i].run_list);
	list_add_tail(&fake[i].tasks, &task_list);
}

/* move_tasks - move every entry of @from to the tail of @to. */
static void move_tasks(struct list_head *from, struct list_head *to)
{
	while (!list_empty(from)) {
		struct list_head *e = from->next;

		list_del(e);
		list_add_tail(e, to);
	}
}

static struct task_struct *choose(void)
{
	struct oom_control oc = { .order = -1 };

	select_bad_process(&oc);
	return oc.chosen;
}

/* The largest badness is chosen; init and its vfork child only when nothing else is left;
 * zombies, tasks with SIGKILL pending and kernel threads never. Page tables count. */
KTEST(oom_select_bad_process)
{
	struct list_head saved;
	int i;

	/* Run on the made-up tasks alone: the real ones (if any) go aside for a moment. */
	INIT_LIST_HEAD(&saved);
	move_tasks(&task_list, &saved);

	add_fake(INIT, 5000, 10);
	add_fake(SMALL, 100, 1);
	add_fake(MIDDLE, 100, 150);		/* page tables make it the biggest */
	add_fake(INIT_VFORK, 0, 0);
	fake[INIT_VFORK].mm = &fake_mm[INIT];	/* shares init's mm, as after vfork */
	add_fake(ZOMBIE, 9000, 0);
	fake[ZOMBIE].state = TASK_ZOMBIE;
	add_fake(KILLED, 8000, 0);
	fake[KILLED].pending = 1UL << (SIGKILL - 1);	/* not send_signal: it would wake it */
	add_fake(KTHREAD, 0, 0);
	fake[KTHREAD].mm = NULL;

	KEXPECT_EQ(t, oom_badness(&fake[MIDDLE], 0), 250);
	KEXPECT_EQ(t, oom_badness(&fake[INIT], 0), 5010);
	KEXPECT(t, oom_badness(&fake[ZOMBIE], 0) < 0);
	KEXPECT(t, oom_badness(&fake[KILLED], 0) < 0);
	KEXPECT(t, oom_badness(&fake[KTHREAD], 0) < 0);
	KEXPECT(t, choose() == &fake[MIDDLE]);

	list_del(&fake[MIDDLE].tasks);
	KEXPECT(t, choose() == &fake[SMALL]);
	list_del(&fake[SMALL].tasks);
	/* Only init's mm is left: init or its vfork child (same badness: both are killed). */
	KEXPECT(t, choose() && choose()->mm == &fake_mm[INIT]);
	list_del(&fake[INIT].tasks);
	list_del(&fake[INIT_VFORK].tasks);
	KEXPECT(t, choose() == NULL);

	for (i = 0; i < NR_FAKE; i++)
		if (i != INIT && i != SMALL && i != MIDDLE && i != INIT_VFORK)
			list_del(&fake[i].tasks);
	move_tasks(&saved, &task_list);
}
