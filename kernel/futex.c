/*
 * kernel/futex.c - futex(2): sleeping on a word of user memory until another thread wakes it
 * (Linux's kernel/futex/). The word itself is the user's business (a lock, a condition
 * sequence, a thread id); the kernel only checks it once - FUTEX_WAIT sleeps only if the
 * word still holds the value the caller saw - and keeps the queues of waiters.
 *
 * A waiter is a struct futex_q on its own kernel stack, in a hash bucket chosen by the key.
 * The key is (mm, user address), for private futexes (FUTEX_PRIVATE_FLAG, what musl and
 * glibc use between threads) and, as a documented limit, for shared ones too: a futex in a
 * MAP_SHARED mapping is not matched between two processes (Linux keys those by the page).
 *
 * No lost wake-ups: the kernel runs one CPU and is not preempted, so from the moment
 * FUTEX_WAIT has read the word (the read may fault and sleep; nothing is queued then) until
 * the waiter is on its queue, no other task runs. A waker that changes the word afterwards
 * finds the waiter queued.
 *
 * Supported: FUTEX_WAIT, FUTEX_WAKE, FUTEX_WAIT_BITSET, FUTEX_WAKE_BITSET, FUTEX_REQUEUE,
 * FUTEX_CMP_REQUEUE, with FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME. The PI and WAKE_OP
 * operations return -ENOSYS. A wait interrupted by a handled signal returns -EINTR (or
 * restarts after a SA_RESTART handler when it has no timeout); SIGKILL ends every wait.
 * set_robust_list records the list head; the list is not walked at exit (robust mutexes
 * whose owner dies are not handed on: a documented limit).
 */
#include "kernel/futex.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/errno.h"
#include "kernel/io.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "mm/memlayout.h"

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_LOCK_PI2		13
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffffU

#define FUTEX_HASH_BITS		6

/* struct futex_q - one waiting task (Linux's name), on the waiter's stack. */
struct futex_q {
	struct list_head list;		/* in its hash bucket */
	struct task_struct *task;
	struct mm_struct *mm;		/* the key: address space ... */
	unsigned long address;		/* ... and user address of the word */
	u32 bitset;			/* FUTEX_WAIT_BITSET: which wakes concern it */
	bool woken;			/* taken off the queue by a waker */
};

static struct list_head futex_queues[1 << FUTEX_HASH_BITS];

/* hash_futex - the bucket of key (@mm, @address); the buckets are set up on first use. */
static struct list_head *hash_futex(struct mm_struct *mm, unsigned long address)
{
	static bool ready;
	unsigned long h = (address >> 2) ^ ((unsigned long)mm >> 6);

	if (!ready) {
		for (unsigned int i = 0; i < ARRAY_SIZE(futex_queues); i++)
			INIT_LIST_HEAD(&futex_queues[i]);
		ready = true;
	}
	h ^= h >> 17;
	return &futex_queues[(h * 0x9e3779b97f4a7c15UL) >> (64 - FUTEX_HASH_BITS)];
}

/*
 * get_futex_key - check @uaddr as Linux's get_futex_key does: -EINVAL if it is not 4-byte
 * aligned, -EFAULT if it is not a user address or (a shared futex) not readable.
 */
static int get_futex_key(u32 __user *uaddr, bool private)
{
	unsigned long address = (unsigned long)uaddr;
	u32 v;

	if (address % sizeof(u32))
		return -EINVAL;
	if (address >= TASK_SIZE - sizeof(u32))
		return -EFAULT;
	if (!private && get_user(v, uaddr))
		return -EFAULT;
	return 0;
}

/* futex_match - does waiter @q wait on (@mm, @address) for a wake in @bitset? */
static bool futex_match(const struct futex_q *q, struct mm_struct *mm, unsigned long address,
			u32 bitset)
{
	return q->mm == mm && q->address == address && (q->bitset & bitset);
}

/* wake_futex - take @q off its queue and make its task runnable. */
static void wake_futex(struct futex_q *q)
{
	list_del_init(&q->list);
	q->woken = true;
	wake_up_process(q->task);
}

/*
 * futex_wake - wake up to @nr waiters (at least one, as Linux) on (@mm, @address) whose
 * bitset meets @bitset, oldest first. Returns how many were woken.
 */
static int futex_wake(struct mm_struct *mm, unsigned long address, int nr, u32 bitset)
{
	struct list_head *head = hash_futex(mm, address);
	struct futex_q *q, *tmp;
	int woken = 0;

	list_for_each_entry_safe(q, tmp, head, list) {
		if (!futex_match(q, mm, address, bitset))
			continue;
		wake_futex(q);
		if (++woken >= nr)
			break;
	}
	return woken;
}

int futex_wake_address(struct mm_struct *mm, unsigned long address, int nr)
{
	return futex_wake(mm, address, nr, FUTEX_BITSET_MATCH_ANY);
}

/*
 * futex_wait - if the word at @uaddr still holds @val, sleep until a FUTEX_WAKE whose bitset
 * meets @bitset, a signal, or ktime @abs_ns (0: no timeout). Returns 0 when woken, -EAGAIN
 * (the word had changed), -EFAULT, -ETIMEDOUT, or, for a signal, -ERESTARTSYS (no timeout)
 * or -ERESTART_RESTARTBLOCK (timed: -EINTR after a handler).
 */
static long futex_wait(u32 __user *uaddr, u32 val, u64 abs_ns, u32 bitset)
{
	struct futex_q q = { .task = current, .mm = current->mm, .address = (unsigned long)uaddr,
			     .bitset = bitset };
	long ret = 0;
	unsigned long flags;
	u32 cur;

	if (get_user(cur, uaddr))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	/* From the read to here nothing could run (see the file comment). */
	list_add_tail(&q.list, hash_futex(q.mm, q.address));
	for (;;) {
		flags = local_irq_save();
		if (q.woken)
			break;
		if (signal_pending(current)) {
			ret = abs_ns ? -ERESTART_RESTARTBLOCK : -ERESTARTSYS;
			break;
		}
		if (abs_ns && ktime_get_ns() >= abs_ns) {
			ret = -ETIMEDOUT;
			break;
		}
		schedule_hrtimeout(abs_ns ? abs_ns : KTIME_MAX);
		local_irq_restore(flags);
	}
	local_irq_restore(flags);
	if (!q.woken)
		list_del(&q.list);
	return q.woken ? 0 : ret;
}

/*
 * futex_requeue - wake up to @nr_wake waiters on @uaddr1 and move up to @nr_requeue more to
 * @uaddr2 (they then wait there). With @cmpval (FUTEX_CMP_REQUEUE) only if the word at
 * @uaddr1 still holds *@cmpval (-EAGAIN otherwise). Returns woken plus moved, -EINVAL for a
 * negative count, -EFAULT.
 */
static long futex_requeue(u32 __user *uaddr1, u32 __user *uaddr2, int nr_wake, int nr_requeue,
			  const u32 *cmpval)
{
	struct mm_struct *mm = current->mm;
	unsigned long a1 = (unsigned long)uaddr1, a2 = (unsigned long)uaddr2;
	struct list_head *head = hash_futex(mm, a1), *head2 = hash_futex(mm, a2);
	struct futex_q *q, *tmp;
	long done = 0;
	int woken = 0, moved = 0;
	u32 cur;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	if (cmpval) {
		if (get_user(cur, uaddr1))
			return -EFAULT;
		if (cur != *cmpval)
			return -EAGAIN;
	}
	list_for_each_entry_safe(q, tmp, head, list) {
		if (!futex_match(q, mm, a1, FUTEX_BITSET_MATCH_ANY))
			continue;
		if (woken < nr_wake) {
			wake_futex(q);
			woken++;
		} else if (moved < nr_requeue) {
			list_del(&q->list);
			q->address = a2;
			list_add_tail(&q->list, head2);
			moved++;
		} else {
			break;
		}
		done++;
	}
	return done;
}

struct timespec_k {
	long tv_sec, tv_nsec;
};


/*
 * futex_timeout - the ktime a timed wait ends at (at least 1): FUTEX_WAIT's @uts is relative,
 * FUTEX_WAIT_BITSET's absolute on CLOCK_MONOTONIC, or on CLOCK_REALTIME with @realtime.
 * 0 with *@abs_ns set, -EFAULT or -EINVAL (a negative or unnormalized time).
 */
static int futex_timeout(const struct timespec_k __user *uts, int cmd, bool realtime, u64 *abs_ns)
{
	struct timespec_k ts;
	u64 t, base = 0;

	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	if ((u64)ts.tv_sec >= (~0ULL >> 2) / NSEC_PER_SEC) {
		*abs_ns = ~0ULL;		/* practically for ever */
		return 0;
	}
	t = (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	if (cmd == FUTEX_WAIT)
		base = ktime_get_ns();
	else if (realtime)
	{
		u64 offset = ktime_get_real_ns() - ktime_get_ns();	/* the wall clock at boot */

		t = t > offset ? t - offset : 0;
	}
	*abs_ns = (base + t) ? base + t : 1;
	return 0;
}

/*
 * sys_futex - see the file comment. @val is the expected value (WAIT) or how many to wake
 * (WAKE, REQUEUE); @utime the timeout (WAIT: relative, WAIT_BITSET: absolute) or, for the
 * requeues, how many to move; @uaddr2 the requeue target; @val3 the bitset or CMP_REQUEUE's
 * expected value. Errors as Linux: -EINVAL (misaligned, bitset 0, bad time), -EFAULT,
 * -EAGAIN, -ETIMEDOUT, -EINTR, -ENOSYS (unsupported operation, or FUTEX_CLOCK_REALTIME with
 * an operation other than a wait).
 */
long sys_futex(u32 __user *uaddr, int op, u32 val, const struct timespec_k __user *utime,
	       u32 __user *uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool private = op & FUTEX_PRIVATE_FLAG, realtime = op & FUTEX_CLOCK_REALTIME;
	u64 abs_ns = 0;
	int err;

	if (utime && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET)) {
		err = futex_timeout(utime, cmd, realtime, &abs_ns);
		if (err)
			return err;
	}
	if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET &&
	    cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		__attribute__((fallthrough));
	case FUTEX_WAIT_BITSET:
		if (!val3)
			return -EINVAL;
		err = get_futex_key(uaddr, private);
		return err ? err : futex_wait(uaddr, val, abs_ns, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		__attribute__((fallthrough));
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		err = get_futex_key(uaddr, private);
		return err ? err : futex_wake(current->mm, (unsigned long)uaddr, (int)val, val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		err = get_futex_key(uaddr, private);
		if (!err)
			err = get_futex_key(uaddr2, private);
		if (err)
			return err;
		return futex_requeue(uaddr, uaddr2, (int)val, (int)(unsigned long)utime,
				     cmd == FUTEX_CMP_REQUEUE ? &val3 : NULL);
	default:
		return -ENOSYS;
	}
}

/* Linux's struct robust_list_head: the list, the futex offset, the pending entry. */
#define ROBUST_LIST_HEAD_SIZE	(3 * sizeof(long))

/* sys_set_robust_list - record @head (of @len bytes) for the calling thread. 0, or -EINVAL
 * for a length other than Linux's struct robust_list_head. */
long sys_set_robust_list(void __user *head, size_t len)
{
	if (len != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	current->robust_list = (unsigned long)head;
	current->robust_list_len = len;
	return 0;
}

/* sys_get_robust_list - the robust list head of thread @pid (0: the caller) into *@head_ptr
 * and its size into *@len_ptr. 0, -ESRCH, -EFAULT. */
long sys_get_robust_list(int pid, unsigned long __user *head_ptr, size_t __user *len_ptr)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;

	if (pid < 0 || !t || t->pid == 0 || t->state == TASK_DEAD)
		return -ESRCH;
	if (put_user(ROBUST_LIST_HEAD_SIZE, len_ptr))
		return -EFAULT;
	return put_user(t->robust_list, head_ptr) ? -EFAULT : 0;
}
