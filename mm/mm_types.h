/*
 * mm/mm_types.h - a process's address space: mm_struct and its VMAs (Linux's mm_types.h).
 *
 * Seed concept: "page tables only account for pages currently in memory ... to enable lazy
 * loading of pages Linux uses VMAs". A vm_area_struct is a range of the address space with
 * its permissions (vm_flags) and what backs it: nothing (anonymous: demand-zero, later swap)
 * or a file at an offset. The mapping (the VMA) is kept apart from what backs it; the fault
 * path asks the VMA's vm_ops for the page (SerenityOS's Region vs. VMObject split).
 */
#ifndef FAULTLINE_MM_TYPES_H
#define FAULTLINE_MM_TYPES_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/lib/rbtree.h"
#include "mm/pgtable.h"
#include "kernel/rwsem.h"

struct file;
struct page;
struct vm_area_struct;
struct anon_vma;

/* vm_flags: Linux's bits and values. */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL	/* mprotect may add VM_READ later */
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL	/* the stack: grows down on a fault just below it */
#define VM_LOCKED	0x00002000UL	/* mlock: pages faulted in at once and never reclaimed */
#define VM_SEQ_READ	0x00008000UL	/* madvise(MADV_SEQUENTIAL): a hint, kept for /proc and merging */
#define VM_RAND_READ	0x00010000UL	/* madvise(MADV_RANDOM) */
#define VM_DONTCOPY	0x00020000UL	/* madvise(MADV_DONTFORK): fork leaves a hole in the child */
#define VM_WIPEONFORK	0x02000000UL	/* madvise(MADV_WIPEONFORK): the child sees zeros */
#define VM_DONTDUMP	0x04000000UL	/* madvise(MADV_DONTDUMP) */
#define VM_HUGEPAGE	0x20000000UL	/* madvise(MADV_HUGEPAGE): a hint (no user huge pages) */
#define VM_NOHUGEPAGE	0x40000000UL	/* madvise(MADV_NOHUGEPAGE) */
#define VM_LOCKONFAULT	0x00080000UL	/* mlock2(MLOCK_ONFAULT): locked as each page faults in */
#define VM_ACCOUNT_BRK	0x00100000UL	/* the brk heap (Faultline's tag, for /proc/PID/maps) */
#define VM_STACK	VM_GROWSDOWN
#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)
#define VM_LOCKED_CLEAR_MASK	(~(VM_LOCKED | VM_LOCKONFAULT))

/* What a fault handler returns (vm_fault_t bits). */
typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM		0x0001	/* no memory: the process gets killed */
#define VM_FAULT_SIGBUS		0x0002	/* beyond the end of a file, or I/O error */
#define VM_FAULT_MAJOR		0x0004	/* the page had to be read from a device */
#define VM_FAULT_SIGSEGV	0x0040
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

/* vm_fault.flags */
#define FAULT_FLAG_WRITE	0x01	/* the access was a write */
#define FAULT_FLAG_USER		0x02	/* from user mode */
#define FAULT_FLAG_INSTRUCTION	0x04	/* an instruction fetch */
#define FAULT_FLAG_REMOTE	0x08	/* not the current task's own access (access_remote_vm) */

/*
 * struct vm_fault - everything the fault path knows about one fault, carried down the
 * handlers instead of long argument lists (as in Linux's mm/memory.c).
 */
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;		/* page-aligned faulting address */
	unsigned int flags;		/* FAULT_FLAG_* */
	unsigned long pgoff;		/* page offset of address in the backing file/VMA */
	pmd_t *pmd;			/* the PMD entry above the PTE table */
	pte_t *pte;			/* the PTE slot for address */
	pte_t orig_pte;			/* its value when the fault was taken: finish_fault() installs
					 * only if the slot still holds it (pte_same) */
	struct page *page;		/* ->fault() returns the backing page here (with a reference) */
	struct page *cow_page;		/* the private copy, for a COW fault */
};

/* How a kind of backing provides pages: the fault path dispatches through this table. */
struct vm_operations_struct {
	/* Find or read the page for vmf->pgoff; store it (referenced) in vmf->page. */
	vm_fault_t (*fault)(struct vm_fault *vmf);
	/* A VMA was duplicated (fork) or split: take a reference on shared backing state. */
	void (*open)(struct vm_area_struct *vma);
	/* A VMA goes away. */
	void (*close)(struct vm_area_struct *vma);
	/*
	 * The first write to a clean page of a shared mapping that wants write notification
	 * (Linux's page_mkwrite): make vmf->page ready to be written - disk blocks allocated,
	 * the page marked dirty - before the PTE becomes writable. 0 or VM_FAULT_SIGBUS/OOM.
	 */
	vm_fault_t (*page_mkwrite)(struct vm_fault *vmf);
	/* A name for /proc/PID/maps when there is no file ("[vdso]"-style), or NULL. */
	const char *(*name)(struct vm_area_struct *vma);
};

/* The kinds of resident memory an mm counts (Linux's enum, same order). */
enum {
	MM_FILEPAGES,	/* pages of a file's page cache */
	MM_ANONPAGES,	/* private anonymous pages */
	MM_SWAPENTS,	/* swap entries (pages of this mm that are on swap) */
	MM_SHMEMPAGES,	/* shared anonymous (shmem) pages */
	NR_MM_COUNTERS
};

struct vm_area_struct {
	unsigned long vm_start;		/* first address */
	unsigned long vm_end;		/* first address after the VMA */
	struct mm_struct *vm_mm;
	unsigned long vm_flags;		/* VM_* */
	pgprot_t vm_page_prot;		/* PTE bits for pages mapped here (before COW write-protection) */
	struct rb_node vm_rb;		/* in mm->mm_rb, keyed by vm_start */
	struct list_head vm_list;	/* in mm->mmap_list, sorted by address */
	unsigned long vm_pgoff;		/* offset in the file (or vm_start >> PAGE_SHIFT if anonymous), pages */
	struct file *vm_file;		/* the file mapped, or NULL (anonymous) */
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;		/* shared anonymous memory: its shmem object */
	/*
	 * vm_anon_id - the merge rule of Linux's anon_vma_chain (the reverse map itself is
	 * anon_vma, below): 0 for memory created in this process (mmap, brk, the stack). fork
	 * gives the child's copy of a VMA holding anonymous pages a new, unique id; split_vma and
	 * mremap keep it.
	 * VMAs merge only when their ids are equal, so a child's new mapping next to one it
	 * inherited stays a separate VMA, as in Linux (where the inherited VMA's anon_vma_chain
	 * is not singular), while mappings made within one process still merge.
	 */
	unsigned long vm_anon_id;
	/* The reverse map (mm/rmap.h): the anon_vma this VMA's anonymous pages belong to (NULL
	 * until the first one), its link on that anon_vma's list, and its link on the i_mmap list
	 * of the file or shmem object it maps. */
	struct anon_vma *anon_vma;
	struct list_head anon_vma_node;
	struct list_head shared;
};

struct mm_struct {
	struct rb_root mm_rb;		/* VMAs by address: find_vma() in O(log n) */
	struct list_head mmap_list;	/* the same VMAs, in address order, for walking */
	int map_count;			/* number of VMAs */
	pgd_t *pgd;			/* the top-level page table (kernel half shared) */
	int mm_users;			/* tasks using this mm: the threads of a process, a
					 * vfork child; the last mmput tears it down */
	/*
	 * mmap_lock - the locking rule (mm/mmap_lock.h): the fault path holds it for reading
	 * while it uses a VMA; whatever changes the VMAs (mmap, munmap, mprotect, mremap, brk,
	 * madvise of VMA flags, fork's dup_mm) holds it for writing. The tree, the list,
	 * map_count and total_vm change only under the write hold.
	 */
	struct rw_semaphore mmap_lock;
	unsigned long mmap_base;	/* where top-down mmap searches start */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk;	/* the heap: [start_brk, brk) */
	unsigned long start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long total_vm;		/* pages mapped by VMAs */
	unsigned long locked_vm;	/* pages of VM_LOCKED VMAs (VmLck; RLIMIT_MEMLOCK counts them) */
	unsigned long def_flags;	/* VM_LOCKED(|VM_LOCKONFAULT) after mlockall(MCL_FUTURE):
					 * added to every new mapping (mm/mlock.c) */
	/* Resident pages by kind (Linux's rss_stat): what /proc/PID/status and the OOM killer
	 * read. Counted where a PTE starts or stops mapping a counted page (mm/memory.c). */
	long rss_stat[NR_MM_COUNTERS];
	unsigned long pgtables_bytes;	/* user page-table pages below the PGD (VmPTE) */
	struct file *exe_file;		/* the program file (referenced, writers denied) */
};

static inline unsigned long get_mm_counter(const struct mm_struct *mm, int member)
{
	long v = mm->rss_stat[member];

	return v < 0 ? 0 : (unsigned long)v;
}
static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	mm->rss_stat[member] += value;
}
static inline void inc_mm_counter(struct mm_struct *mm, int member) { mm->rss_stat[member]++; }
static inline void dec_mm_counter(struct mm_struct *mm, int member) { mm->rss_stat[member]--; }

/* get_mm_rss - resident pages of @mm, all kinds (VmRSS). */
static inline unsigned long get_mm_rss(const struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
}

static inline unsigned long mm_pgtables_bytes(const struct mm_struct *mm)
{
	return mm->pgtables_bytes;
}

#define for_each_vma(mm, vma) list_for_each_entry(vma, &(mm)->mmap_list, vm_list)

/* vma_is_anonymous - private anonymous memory: no backing object, demand-zero pages. */
static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

#endif
