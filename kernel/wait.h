/*
 * kernel/wait.h - wait queues: sleeping until a condition holds (Linux's wait_event/wake_up).
 */
#ifndef FAULTLINE_WAIT_H
#define FAULTLINE_WAIT_H

#include "kernel/list.h"
#include "kernel/sched.h"
#include "kernel/errno.h"

struct wait_queue_head {
	struct list_head head;		/* of struct wait_queue_entry */
};

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = { LIST_HEAD_INIT(name.head) }

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

/* prepare_to_wait - queue the current task on @wq and mark it sleeping. */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait);
/* finish_wait - take the current task off @wq and mark it running. */
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait);
/* wake_up - make every task waiting on @wq runnable. */
void wake_up(struct wait_queue_head *wq);
/* signal_pending - true if the current task has a signal that should interrupt a sleep. */
bool signal_pending(struct task_struct *task);
/* fatal_signal_pending - true if @task has been sent SIGKILL: even a killable sleep ends. */
bool fatal_signal_pending(struct task_struct *task);

/*
 * __wait_event - the loop both waits below share: queue, test @cond, give up with @err when
 * @stop(current) says so, else sleep and test again. Evaluates to 0 or @err.
 */
#define __wait_event(wq, cond, stop, err) ({					\
	int __ret = 0;								\
	struct wait_queue_entry __wait = { .task = current };			\
	for (;;) {								\
		prepare_to_wait(&(wq), &__wait);				\
		if (cond)							\
			break;							\
		if (stop(current)) {						\
			__ret = (err);						\
			break;							\
		}								\
		schedule();							\
	}									\
	finish_wait(&(wq), &__wait);						\
	__ret;									\
})

/*
 * wait_event_interruptible - sleep until @cond is true. Evaluates to 0, or -ERESTARTSYS if a
 * signal arrived first (the system call then restarts after a SA_RESTART handler, returns
 * -EINTR after another handler, and restarts if the signal was ignored).
 */
#define wait_event_interruptible(wq, cond)					\
	__wait_event(wq, cond, signal_pending, -ERESTARTSYS)

/*
 * wait_event_killable - sleep until @cond is true, woken early only by SIGKILL (a handled
 * signal waits until the sleep ends): for waits that cannot be restarted half-way, such as
 * disk I/O and page locks. Evaluates to 0, or -EINTR if SIGKILL arrived first.
 */
#define wait_event_killable(wq, cond)						\
	__wait_event(wq, cond, fatal_signal_pending, -EINTR)

#endif
