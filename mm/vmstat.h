/*
 * mm/vmstat.h - system-wide memory counters (Linux's vmstat: node page state and VM events).
 *
 * Page-state counters say how many pages are in some state now (AnonPages, Mapped in
 * /proc/meminfo); event counters count things that happened (page faults, pages reclaimed).
 * The names are Linux's, so a student reads /proc/vmstat on both kernels the same way. The
 * lengths of the LRU lists (nr_inactive_anon ...) are in mm/lru.h. Events are counted only in
 * tasks (one CPU): plain longs.
 */
#ifndef FAULTLINE_VMSTAT_H
#define FAULTLINE_VMSTAT_H

enum node_stat_item {
	NR_ANON_MAPPED,		/* anonymous pages mapped by at least one PTE (AnonPages) */
	NR_FILE_MAPPED,		/* page-cache pages mapped by at least one PTE (Mapped) */
	NR_FILE_DIRTY,		/* page-cache pages waiting for write-back (Dirty) */
	NR_WRITEBACK,		/* page-cache pages being written back (Writeback) */
	NR_SHMEM,		/* shared anonymous memory in its page cache, not out in swap (Shmem) */
	NR_VM_NODE_STAT_ITEMS
};

enum vm_event_item {
	PGFAULT,		/* page faults handled (minor and major) */
	PGMAJFAULT,		/* of which major: they waited for I/O */
	PGPGIN,			/* 512-byte sectors read from block devices (shown in KiB) */
	PGPGOUT,		/* 512-byte sectors written to block devices (shown in KiB) */
	PSWPIN,			/* pages read in from swap */
	PSWPOUT,		/* pages written out to swap */
	PGACTIVATE,		/* pages moved from an inactive LRU list to an active one */
	PGDEACTIVATE,		/* pages aged from an active list to the inactive one */
	PGREFILL,		/* active-list pages looked at by that aging */
	PGSTEAL_KSWAPD,		/* pages kswapd freed */
	PGSTEAL_DIRECT,		/* pages freed by direct reclaim (an allocating task) */
	PGSCAN_KSWAPD,		/* inactive-list pages kswapd looked at */
	PGSCAN_DIRECT,		/* inactive-list pages direct reclaim looked at */
	PGSCAN_ANON,		/* of all scanned: anonymous */
	PGSCAN_FILE,		/* file */
	PGSTEAL_ANON,		/* of all freed: anonymous (sent to swap) */
	PGSTEAL_FILE,		/* file (dropped, or written back first) */
	PGROTATED,		/* pages put back at the head of their list (second chance) */
	PAGEOUTRUN,		/* kswapd's runs (woken below the low watermark) */
	ALLOCSTALL,		/* allocations that had to reclaim directly */
	OOM_KILL,		/* processes the OOM killer killed */
	WORKINGSET_REFAULT_ANON,	/* anonymous pages read back from swap for a fault */
	WORKINGSET_ACTIVATE_ANON,	/* of which put straight on the active list */
	NR_VM_EVENT_ITEMS
};

extern long vm_node_stat[NR_VM_NODE_STAT_ITEMS];
extern unsigned long vm_events[NR_VM_EVENT_ITEMS];

static inline void mod_node_page_state(enum node_stat_item item, long delta)
{
	/* Atomic: a swap write's completion (in the disk's interrupt) counts NR_WRITEBACK. */
	__atomic_add_fetch(&vm_node_stat[item], delta, __ATOMIC_RELAXED);
}

/* global_node_page_state - the counter's value (never below 0). */
static inline unsigned long global_node_page_state(enum node_stat_item item)
{
	return vm_node_stat[item] < 0 ? 0 : (unsigned long)vm_node_stat[item];
}

static inline void count_vm_event(enum vm_event_item item)
{
	vm_events[item]++;
}

static inline void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	vm_events[item] += delta;
}

#endif
