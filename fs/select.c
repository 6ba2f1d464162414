/*
 * fs/select.c - poll, ppoll, select and pselect6: wait until one of several files is ready
 * (Linux's fs/select.c).
 *
 * Every form comes down to one loop (do_poll): ask each file its mask through f_op->poll,
 * queueing this task on the file's wait queues the first time round (poll_wait); if nothing
 * is ready, sleep until a queue is woken, a signal arrives or the deadline passes
 * (schedule_hrtimeout), and ask again. The queue entries live in poll_wqueues, in pages
 * chained as needed, and are all taken off their queues at the end (poll_freewait).
 *
 * A signal ends the wait with -ERESTARTNOHAND: the call returns -EINTR to a handler and is
 * restarted if the signal was ignored. ppoll, select and pselect6 write the time left back
 * to the caller (Linux does, so a restart goes on with it); poll's timeout is a register, so
 * a restarted poll starts its timeout again (Linux continues it through restart_block).
 * ppoll and pselect6 wait with the caller's signal mask, which is put back after the
 * handler of the signal that ended the wait has run.
 */
#include "fs/poll.h"
#include "fs/syscalls.h"
#include "mm/slab.h"
#include "mm/page_alloc.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/io.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

struct poll_table_entry {
	struct wait_queue_head *wq;
	struct wait_queue_entry wait;
};

/* A page of queue entries. */
struct poll_table_page {
	struct poll_table_page *next;
	unsigned int nr;
	struct poll_table_entry entries[];
};
#define POLL_ENTRIES_PER_PAGE \
	((PAGE_SIZE - sizeof(struct poll_table_page)) / sizeof(struct poll_table_entry))

struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *table;	/* the newest page first */
	int error;			/* -ENOMEM if an entry could not be made */
	bool tick;			/* a file without a wait queue: look again every tick */
};

void poll_wait(struct file *filp, struct wait_queue_head *wq, poll_table *p)
{
	struct poll_wqueues *pwq;
	struct poll_table_page *page;
	struct poll_table_entry *e;
	unsigned long flags;

	(void)filp;
	if (!p || !p->pwq)
		return;
	pwq = p->pwq;
	if (!wq) {
		pwq->tick = true;
		return;
	}
	page = pwq->table;
	if (!page || page->nr == POLL_ENTRIES_PER_PAGE) {
		page = (struct poll_table_page *)__get_free_pages(GFP_KERNEL, 0);
		if (!page) {
			pwq->error = -ENOMEM;
			return;
		}
		page->nr = 0;
		page->next = pwq->table;
		pwq->table = page;
	}
	e = &page->entries[page->nr++];
	e->wq = wq;
	e->wait.task = current;
	flags = local_irq_save();
	list_add_tail(&e->wait.entry, &wq->head);
	local_irq_restore(flags);
}

/* poll_freewait - take every entry of @pwq off its queue and free the pages. */
static void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *page = pwq->table, *next;

	for (; page; page = next) {
		unsigned long flags = local_irq_save();

		for (unsigned int i = 0; i < page->nr; i++)
			list_del(&page->entries[i].wait.entry);
		local_irq_restore(flags);
		next = page->next;
		free_pages((unsigned long)page, 0);
	}
	pwq->table = NULL;
}

/* One file to poll: its descriptor, the events asked for (always with POLLERR | POLLHUP)
 * and, after the scan, the events found. */
struct poll_item {
	int fd;
	unsigned int events, revents;
};

/* poll_one - fill @item->revents: POLLNVAL for a descriptor that is not open, 0 for a
 * negative one (ignored, as poll(2) says), else the file's mask filtered by the events. */
static void poll_one(struct poll_item *item, poll_table *pt)
{
	struct file *file;

	item->revents = 0;
	if (item->fd < 0)
		return;
	file = fget(item->fd);
	if (!file) {
		item->revents = POLLNVAL;
		return;
	}
	item->revents = vfs_poll(file, pt) & (item->events | POLLERR | POLLHUP);
	fput(file);
}

/*
 * do_poll - the loop: scan the @n @items until one is ready, @deadline (ktime ns; KTIME_MAX:
 * none) passes or a signal comes. Returns how many items have revents (0: timed out),
 * -ERESTARTNOHAND or -ENOMEM.
 */
static int do_poll(struct poll_item *items, unsigned int n, u64 deadline)
{
	struct poll_wqueues pwq = { .pt = { .pwq = &pwq } };
	poll_table *pt = &pwq.pt;
	int count;

	for (;;) {
		bool timed_out;
		u64 wake;

		count = 0;
		for (unsigned int i = 0; i < n; i++) {
			poll_one(&items[i], pt);
			if (items[i].revents) {
				count++;
				pt = NULL;	/* no sleep will follow: queue no more */
			}
		}
		pt = NULL;			/* queued once: the entries stay until the end */
		if (!count) {
			count = pwq.error;
			if (signal_pending(current))
				count = -ERESTARTNOHAND;
		}
		timed_out = ktime_get_ns() >= deadline;
		if (count || timed_out)
			break;
		wake = deadline;
		if (pwq.tick && deadline - ktime_get_ns() > NSEC_PER_SEC / HZ)
			wake = ktime_get_ns() + NSEC_PER_SEC / HZ;
		schedule_hrtimeout(wake);
	}
	poll_freewait(&pwq);
	return count;
}

/* deadline_after - the ktime @sec s and @nsec ns from now (saturating at KTIME_MAX). */
static u64 deadline_after(u64 sec, u64 nsec)
{
	u64 now = ktime_get_ns();

	if (sec >= (KTIME_MAX - now) / NSEC_PER_SEC)
		return KTIME_MAX;
	return now + sec * NSEC_PER_SEC + nsec;
}

struct k_timespec { long tv_sec, tv_nsec; };
struct k_timeval { long tv_sec, tv_usec; };

/* get_timespec_deadline - the deadline a user timespec @uts sets (NULL: KTIME_MAX).
 * 0, -EFAULT, or -EINVAL for a negative or unnormalised time. */
static int get_timespec_deadline(const struct k_timespec __user *uts, u64 *deadline)
{
	struct k_timespec ts;

	*deadline = KTIME_MAX;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	*deadline = deadline_after((u64)ts.tv_sec, (u64)ts.tv_nsec);
	return 0;
}

/*
 * poll_select_finish - put back the signal mask (unless a signal interrupted: then after
 * its handler), and write the time left until @deadline to @utime (a timespec, or with
 * @timeval a timeval) if the caller gave one. A time that cannot be written turns a restart
 * into -EINTR, as in Linux (the restarted call would wait anew). Returns @ret.
 */
static long poll_select_finish(u64 deadline, void __user *utime, bool timeval, long ret)
{
	u64 now = ktime_get_ns(), left = deadline > now ? deadline - now : 0;
	bool fault;

	if (current->restore_sigmask && ret != -ERESTARTNOHAND) {
		current->restore_sigmask = false;
		set_current_blocked(current->saved_sigmask);
	}
	if (!utime || deadline == KTIME_MAX)
		return ret;
	if (timeval) {
		struct k_timeval tv = { (long)(left / NSEC_PER_SEC),
					(long)(left % NSEC_PER_SEC / 1000) };
		fault = copy_to_user(utime, &tv, sizeof(tv));
	} else {
		struct k_timespec ts = { (long)(left / NSEC_PER_SEC), (long)(left % NSEC_PER_SEC) };
		fault = copy_to_user(utime, &ts, sizeof(ts));
	}
	if (fault && ret == -ERESTARTNOHAND)
		ret = -EINTR;
	return ret;
}

/* set_user_sigmask - ppoll/pselect6: wait with the mask at @umask (NULL: keep the mask);
 * the old one is saved for poll_select_finish. 0, -EINVAL (@size not 8) or -EFAULT. */
static int set_user_sigmask(const unsigned long __user *umask, size_t size)
{
	unsigned long mask;

	if (!umask)
		return 0;
	if (size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(mask);
	return 0;
}

struct pollfd {
	int fd;
	short events, revents;
};

/*
 * do_sys_poll - poll's and ppoll's common part: copy the @nfds pollfds in, wait, write each
 * revents back. Returns the ready count, 0 on timeout, -EINVAL (more than RLIMIT_NOFILE
 * entries), -EFAULT, -ENOMEM or -ERESTARTNOHAND.
 */
static long do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, u64 deadline)
{
	struct poll_item *items;
	struct pollfd pfd;
	long ret;

	if (nfds > rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	items = kmalloc(sizeof(*items) * (nfds ? nfds : 1), GFP_KERNEL);
	if (!items)
		return -ENOMEM;
	for (unsigned int i = 0; i < nfds; i++) {
		if (copy_from_user(&pfd, &ufds[i], sizeof(pfd))) {
			kfree(items);
			return -EFAULT;
		}
		items[i].fd = pfd.fd;
		items[i].events = (unsigned short)pfd.events;
	}
	ret = do_poll(items, nfds, deadline);
	for (unsigned int i = 0; ret >= 0 && i < nfds; i++)
		if (put_user((short)items[i].revents, &ufds[i].revents))
			ret = -EFAULT;
	kfree(items);
	return ret;
}

long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs)
{
	u64 deadline = KTIME_MAX;
	long ret;

	if (timeout_msecs >= 0)
		deadline = deadline_after((u64)timeout_msecs / 1000,
					  (u64)(timeout_msecs % 1000) * 1000000);
	ret = do_sys_poll(ufds, nfds, deadline);
	/* Linux restarts a timed poll through restart_block; Faultline treats that as
	 * ERESTARTNOHAND (kernel/errno.h). */
	return ret == -ERESTARTNOHAND && timeout_msecs >= 0 ? -ERESTART_RESTARTBLOCK : ret;
}

long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, struct k_timespec __user *tsp,
	       const unsigned long __user *sigmask, size_t sigsetsize)
{
	u64 deadline;
	long ret = get_timespec_deadline(tsp, &deadline);

	if (ret)
		return ret;
	ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, deadline);
	return poll_select_finish(deadline, tsp, false, ret);
}

/* The sets select reads and writes: in, out, ex; fd_set bits are unsigned longs. */
#define POLLIN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	(POLLPRI)
#define BITS_PER_LONG	64

/*
 * core_sys_select - select's common part over descriptors [0, @n): every descriptor in a set
 * must be open (-EBADF); the sets are rewritten with the ready ones. Returns how many bits
 * are set in all (0 on timeout), -EINVAL (@n negative), -EBADF, -EFAULT, -ENOMEM or
 * -ERESTARTNOHAND.
 */
static long core_sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
			    unsigned long __user *exp, u64 deadline)
{
	unsigned long __user *uset[3] = { inp, outp, exp };
	const unsigned int want[3] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };
	unsigned long *bits;
	struct poll_item *items = NULL;
	unsigned int nitems = 0, words;
	size_t bytes;
	long ret;

	if (n < 0)
		return -EINVAL;
	if ((u64)n > rlimit(RLIMIT_NOFILE))
		n = (int)rlimit(RLIMIT_NOFILE);		/* Linux: the table's size */
	words = ((unsigned int)n + BITS_PER_LONG - 1) / BITS_PER_LONG;
	bytes = words * sizeof(long);
	bits = kzalloc(3 * bytes + 1, GFP_KERNEL);
	if (!bits)
		return -ENOMEM;
	for (int s = 0; s < 3; s++)
		if (uset[s] && copy_from_user(bits + s * words, uset[s], bytes)) {
			ret = -EFAULT;
			goto out;
		}
	items = kmalloc(sizeof(*items) * ((unsigned int)n ? (unsigned int)n : 1), GFP_KERNEL);
	ret = -ENOMEM;
	if (!items)
		goto out;
	for (int fd = 0; fd < n; fd++) {
		unsigned int events = 0;
		struct file *file;

		for (int s = 0; s < 3; s++)
			if (bits[s * words + fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG)))
				events |= want[s];
		if (!events)
			continue;
		file = fget(fd);
		ret = -EBADF;
		if (!file)
			goto out;
		fput(file);
		items[nitems++] = (struct poll_item){ .fd = fd, .events = events };
	}
	ret = do_poll(items, nitems, deadline);
	if (ret < 0)
		goto out;
	memset(bits, 0, 3 * bytes);
	ret = 0;
	for (unsigned int i = 0; i < nitems; i++) {
		int fd = items[i].fd;

		for (int s = 0; s < 3; s++)
			if (items[i].revents & want[s] & items[i].events) {
				bits[s * words + fd / BITS_PER_LONG] |= 1UL << (fd % BITS_PER_LONG);
				ret++;
			}
	}
	for (int s = 0; s < 3; s++)
		if (uset[s] && copy_to_user(uset[s], bits + s * words, bytes))
			ret = -EFAULT;
out:
	kfree(items);
	kfree(bits);
	return ret;
}

long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct k_timeval __user *tvp)
{
	u64 deadline = KTIME_MAX;
	struct k_timeval tv;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		/* Linux carries whole seconds out of tv_usec; only negative times are invalid. */
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		deadline = deadline_after((u64)tv.tv_sec + (u64)tv.tv_usec / 1000000,
					  (u64)tv.tv_usec % 1000000 * 1000);
	}
	return poll_select_finish(deadline, tvp, true, core_sys_select(n, inp, outp, exp, deadline));
}

/* pselect6's sixth argument: the mask's address and size. */
struct sigset_argpack {
	const unsigned long __user *p;
	size_t size;
};

long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct k_timespec __user *tsp,
		  const struct sigset_argpack __user *sig)
{
	struct sigset_argpack pack = { NULL, 0 };
	u64 deadline;
	long ret = get_timespec_deadline(tsp, &deadline);

	if (ret)
		return ret;
	if (sig && copy_from_user(&pack, sig, sizeof(pack)))
		return -EFAULT;
	ret = set_user_sigmask(pack.p, pack.size);
	if (ret)
		return ret;
	return poll_select_finish(deadline, tsp, false, core_sys_select(n, inp, outp, exp, deadline));
}
