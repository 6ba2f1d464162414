/*
 * ipc/shm.c - System V shared memory: shmget, shmat, shmdt, shmctl (Linux's ipc/shm.c).
 *
 * Another way pages are shared: a segment is a shmem object (mm/shmem.c) that lives on its
 * own, named by a key, until it is removed, whether or not anything maps it. shmget finds or
 * makes one and returns its id; shmat maps it - as Linux does, through a file of the segment
 * whose mmap backs the VMA with the segment's object, so /proc/PID/maps shows
 * "/SYSV<key> (deleted)" and fork, mprotect and mremap treat it as any shared file mapping.
 * The attach count shm_nattch is the number of VMAs mapping the object (fork and splits add
 * one, as Linux's shm_open does); IPC_RMID destroys a segment at once if nothing is attached,
 * else marks it SHM_DEST, gives it key IPC_PRIVATE, and the last detach (munmap, shmdt or exit)
 * destroys it.
 *
 * Ids are Linux's: slot index + 32768 * a sequence number, so a removed segment's id is not
 * soon reused. Permissions are the ipc_perm mode bits against the caller's uid/gid, root
 * passing every check (CAP_IPC_OWNER, CAP_SYS_ADMIN). Times are seconds since boot until
 * Faultline has a wall clock.
 */
#include "kernel/syscalls.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/time.h"
#include "kernel/lib/vsprintf.h"
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "mm/shmem.h"
#include "mm/slab.h"
#include "fs/fs.h"
#include "fs/inode.h"
#include "fs/file_table.h"

#define IPC_PRIVATE	0
#define IPC_CREAT	00001000
#define IPC_EXCL	00002000
#define IPC_RMID	0
#define IPC_SET		1
#define IPC_STAT	2
#define IPC_INFO	3
#define SHM_LOCK	11
#define SHM_UNLOCK	12
#define SHM_STAT	13
#define SHM_INFO	14
#define SHM_STAT_ANY	15

#define SHM_RDONLY	010000		/* shmat: read-only */
#define SHM_RND		020000		/* shmat: round the address down to SHMLBA */
#define SHM_REMAP	040000		/* shmat: replace what is mapped there */
#define SHM_EXEC	0100000		/* shmat: executable */
#define SHM_DEST	01000		/* mode: destroy at the last detach */
#define SHM_LOCKED	02000		/* mode: SHM_LOCK'ed */
#define SHM_HUGETLB	04000
#define SHM_NORESERVE	010000

#define S_IRWXUGO	0777
#define S_IRUGO		0444
#define S_IWUGO		0222
#define S_IXUGO		0111

/* Linux's defaults (include/uapi/linux/shm.h). */
#define SHMMIN		1UL
#define SHMMNI		4096
#define SHMMAX		(~0UL - (1UL << 24))	/* bytes per segment */
#define SHMALL		(~0UL - (1UL << 24))	/* pages, all segments together */
#define SHMSEG		SHMMNI
#define SHMLBA		PAGE_SIZE
#define IPCMNI		32768			/* ids: index + IPCMNI * sequence */

/* The user's view (Linux's struct ipc64_perm and struct shmid64_ds, x86-64 layout). */
struct ipc64_perm {
	int key;
	u32 uid, gid, cuid, cgid;
	u32 mode;
	u16 seq;
	u16 __pad2;
	unsigned long __unused1, __unused2;
};

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	size_t shm_segsz;
	long shm_atime, shm_dtime, shm_ctime;
	int shm_cpid, shm_lpid;
	unsigned long shm_nattch;
	unsigned long __unused4, __unused5;
};

struct shminfo64 {
	unsigned long shmmax, shmmin, shmmni, shmseg, shmall;
	unsigned long __unused1, __unused2, __unused3, __unused4;
};

struct shm_info {
	int used_ids;
	unsigned long shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

/* struct shmid_kernel - one segment. */
struct shmid_kernel {
	int id;
	int key;
	u32 uid, gid, cuid, cgid;
	u32 mode;			/* permission bits, SHM_DEST, SHM_LOCKED */
	u16 seq;
	size_t segsz;			/* as asked for; pages are allocated for it rounded up */
	long atime, dtime, ctime;
	int cpid, lpid;
	struct shmem_object *obj;	/* the pages */
	struct inode *inode;		/* what shmat's files open: i_private is this segment */
};

static struct shmid_kernel *shm_segs[SHMMNI];	/* by index */
static unsigned int shm_used;			/* segments in shm_segs */
static unsigned long shm_tot;			/* their pages, for SHMALL */
static u16 shm_seq;				/* the next segment's sequence number */

static const struct file_operations shm_file_operations;

/* shm_now - the time stamps' clock: seconds since boot (no wall clock yet). */
static long shm_now(void)
{
	return (long)(ktime_get_ns() / NSEC_PER_SEC);
}

/* shm_pages - pages of a segment of @size bytes. */
static unsigned long shm_pages(size_t size)
{
	return (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/* shm_obtain - the segment @shmid names, or NULL (an id never given, or removed). */
static struct shmid_kernel *shm_obtain(int shmid)
{
	struct shmid_kernel *shp;

	if (shmid < 0)
		return NULL;
	if (shmid % IPCMNI >= SHMMNI)
		return NULL;
	shp = shm_segs[shmid % IPCMNI];
	return shp && shp->id == shmid ? shp : NULL;
}

/* ipc_owner - is the caller the segment's owner or creator, or root (Linux's
 * ipcctl_obtain_check: euid == uid or cuid, or CAP_SYS_ADMIN)? */
static bool ipc_owner(const struct shmid_kernel *shp)
{
	u32 euid = current->cred.euid;

	return euid == 0 || euid == shp->uid || euid == shp->cuid;
}

/*
 * ipcperms - may the caller have @flag's access (S_IRUGO, S_IWUGO, ... bits) to @shp?
 * Linux's ipcperms: the owner bits if the caller owns or created it, the group bits if it is
 * in the group, else the other bits; root passes (CAP_IPC_OWNER). 0 or -EACCES.
 */
static int ipcperms(const struct shmid_kernel *shp, u32 flag)
{
	const struct cred *cred = &current->cred;
	u32 requested = (flag >> 6) | (flag >> 3) | flag, granted = shp->mode;
	bool in_group = cred->egid == shp->gid || cred->egid == shp->cgid;

	for (int i = 0; i < cred->ngroups && !in_group; i++)
		in_group = cred->groups[i] == shp->gid || cred->groups[i] == shp->cgid;
	if (cred->euid == shp->cuid || cred->euid == shp->uid)
		granted >>= 6;
	else if (in_group)
		granted >>= 3;
	if ((requested & ~granted & 0007) && cred->euid != 0)
		return -EACCES;
	return 0;
}

/* shm_destroy - free @shp: out of the table, its file inode orphaned, its object released
 * (freed now if nothing maps it, else by the last VMA). */
static void shm_destroy(struct shmid_kernel *shp)
{
	shm_segs[shp->id % IPCMNI] = NULL;
	shm_used--;
	shm_tot -= shm_pages(shp->segsz);
	shp->inode->i_private = NULL;
	iput(shp->inode);
	shmem_object_release(shp->obj);
	kfree(shp);
}

/* shm_vma_open / shm_vma_close - a VMA of the segment was duplicated / went (Linux's shm_open
 * and shm_close): time stamps, the last pid, and destruction of a removed segment when the
 * last attach goes. */
static void shm_vma_open(void *owner)
{
	struct shmid_kernel *shp = owner;

	shp->atime = shm_now();
	shp->lpid = current->pid;
}

static void shm_vma_close(void *owner)
{
	struct shmid_kernel *shp = owner;

	shp->dtime = shm_now();
	shp->lpid = current->pid;
	if ((shp->mode & SHM_DEST) && shmem_object_users(shp->obj) == 0)
		shm_destroy(shp);
}

static const struct shmem_owner_ops shm_owner_ops = {
	.open = shm_vma_open,
	.close = shm_vma_close,
};

/* newseg - a new segment of @size bytes for @key, mode from @shmflg. Returns its id, or
 * -EINVAL (size), -ENOSPC (SHMMNI segments or SHMALL pages), -ENOMEM. */
static long newseg(int key, size_t size, int shmflg)
{
	unsigned long numpages = shm_pages(size);
	struct shmid_kernel *shp;
	int idx;

	if (size < SHMMIN || size > SHMMAX)
		return -EINVAL;
	if (numpages << PAGE_SHIFT < size)
		return -ENOSPC;			/* rounding up wrapped */
	if (shm_tot + numpages < shm_tot || shm_tot + numpages > SHMALL)
		return -ENOSPC;
	for (idx = 0; idx < SHMMNI && shm_segs[idx]; idx++)
		;
	if (idx == SHMMNI)
		return -ENOSPC;
	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	if (!shp)
		return -ENOMEM;
	shp->obj = shmem_object_create();
	shp->inode = new_inode(S_IFREG | (shmflg & S_IRWXUGO));
	if (!shp->obj || !shp->inode) {
		if (shp->obj)
			shmem_object_release(shp->obj);
		iput(shp->inode);
		kfree(shp);
		return -ENOMEM;
	}
	shp->key = key;
	shp->uid = shp->cuid = current->cred.euid;
	shp->gid = shp->cgid = current->cred.egid;
	shp->mode = shmflg & S_IRWXUGO;
	shp->seq = shm_seq++;
	shp->id = (int)((u32)shp->seq * IPCMNI + (u32)idx);	/* < 2^31: seq < 65536 */
	shp->segsz = size;
	shp->ctime = shm_now();
	shp->cpid = current->pid;
	shmem_object_set_owner(shp->obj, &shm_owner_ops, shp);
	shp->inode->i_fop = &shm_file_operations;
	shp->inode->i_size = (loff_t)size;
	shp->inode->i_mapping = shmem_object_mapping(shp->obj);
	shp->inode->i_private = shp;
	shm_segs[idx] = shp;
	shm_used++;
	shm_tot += numpages;
	return shp->id;
}

/*
 * sys_shmget - the segment of @key (IPC_PRIVATE: always a new one) of at least @size bytes.
 * IPC_CREAT in @shmflg makes it if there is none, with IPC_EXCL too it must be new; the low 9
 * bits are the new segment's permissions. Returns its id, -ENOENT (none and no IPC_CREAT),
 * -EEXIST (IPC_CREAT | IPC_EXCL and it exists), -EINVAL (a new one's size out of
 * [SHMMIN, SHMMAX], or an existing one smaller than @size), -EACCES (@shmflg's permission bits
 * not granted), -ENOSPC, -ENOMEM.
 */
long sys_shmget(int key, size_t size, int shmflg)
{
	struct shmid_kernel *shp = NULL;

	if (shmflg & SHM_HUGETLB)
		return -EINVAL;			/* no huge pages */
	if (key == IPC_PRIVATE)
		return newseg(key, size, shmflg);
	for (int i = 0; i < SHMMNI && !shp; i++)
		if (shm_segs[i] && shm_segs[i]->key == key)
			shp = shm_segs[i];
	if (!shp)
		return (shmflg & IPC_CREAT) ? newseg(key, size, shmflg) : -ENOENT;
	if ((shmflg & IPC_CREAT) && (shmflg & IPC_EXCL))
		return -EEXIST;
	if (shp->segsz < size)
		return -EINVAL;
	if (ipcperms(shp, (u32)shmflg & S_IRWXUGO))
		return -EACCES;
	return shp->id;
}

/* shm_mmap - f_op->mmap of a segment's file: back @vma with the segment's object.
 * -EIDRM if the segment is gone. */
static int shm_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct shmid_kernel *shp = file->f_inode->i_private;

	if (!shp)
		return -EIDRM;
	shmem_object_map(vma, shp->obj);
	return 0;
}

static const struct file_operations shm_file_operations = {
	.mmap = shm_mmap,
};

/* vma_is_shm - is @vma an attach of a System V segment? */
static bool vma_is_shm(const struct vm_area_struct *vma)
{
	return vma->vm_file && vma->vm_file->f_op == &shm_file_operations && vma_is_shmem(vma);
}

/*
 * do_shmat - the attach of sys_shmat once its flags are checked: segment @shmid at @addr
 * (MAP_FIXED in @flags) or where the kernel chooses, with @prot. The caller holds
 * mm->mmap_lock for writing. The address, or -errno as an unsigned long.
 */
static unsigned long do_shmat(struct mm_struct *mm, int shmid, unsigned long addr,
			      unsigned long prot, unsigned long flags, int shmflg, u32 acc_mode)
{
	struct shmid_kernel *shp;
	struct file *file;
	unsigned long ret;
	char name[40];

	shp = shm_obtain(shmid);
	if (!shp)
		return -EINVAL;
	if (ipcperms(shp, acc_mode))
		return -EACCES;
	if ((flags & MAP_FIXED) && !(shmflg & SHM_REMAP)) {
		struct vm_area_struct *vma = find_vma(mm, addr);

		if (addr + shp->segsz < addr)
			return -EINVAL;
		if (vma && vma->vm_start < addr + shp->segsz)
			return -EINVAL;		/* in use, and no SHM_REMAP */
	}
	snprintf(name, sizeof(name), "/SYSV%08x (deleted)", (u32)shp->key);
	file = alloc_file(shp->inode, (shmflg & SHM_RDONLY) ? O_RDONLY : O_RDWR, name);
	if (IS_ERR(file))
		return (unsigned long)PTR_ERR(file);
	ret = do_mmap(mm, file, addr, shp->segsz, prot, flags, 0);
	fput(file);				/* the VMA holds it, if there is one */
	if (!IS_ERR_VALUE(ret))
		shm_vma_open(shp);		/* atime and lpid; nattch is the VMA */
	return ret;
}

/*
 * sys_shmat - attach segment @shmid: at an address the kernel chooses (@shmaddr NULL), or at
 * @shmaddr (page aligned, or rounded down to SHMLBA with SHM_RND), read-only with SHM_RDONLY.
 * An address range already in use is -EINVAL unless SHM_REMAP replaces it. Returns the
 * address, -EINVAL (a bad id, address or flag combination), -EIDRM, -EACCES, -ENOMEM.
 */
long sys_shmat(int shmid, unsigned long shmaddr, int shmflg)
{
	struct mm_struct *mm = current->mm;
	unsigned long prot, flags = MAP_SHARED, addr = shmaddr, ret;
	u32 acc_mode;

	if (shmid < 0)
		return -EINVAL;
	if (addr) {
		if (addr & (SHMLBA - 1)) {
			if (!(shmflg & SHM_RND))
				return -EINVAL;
			addr &= ~(SHMLBA - 1);
			if (!addr && (shmflg & SHM_REMAP))
				return -EINVAL;
		}
		flags |= MAP_FIXED;
	} else if (shmflg & SHM_REMAP) {
		return -EINVAL;
	}
	if (shmflg & SHM_RDONLY) {
		prot = PROT_READ;
		acc_mode = S_IRUGO;
	} else {
		prot = PROT_READ | PROT_WRITE;
		acc_mode = S_IRUGO | S_IWUGO;
	}
	if (shmflg & SHM_EXEC) {
		prot |= PROT_EXEC;
		acc_mode |= S_IXUGO;
	}
	/* Held for writing from the look-up to the new VMA (mm/mmap_lock.h): the segment is
	 * found and attached with no other thread's mmap or munmap in between, and a sleep for
	 * the lock comes before the segment is looked up, not between look-up and use. */
	if (mmap_write_lock_killable(mm))
		return -EINTR;
	ret = do_shmat(mm, shmid, addr, prot, flags, shmflg, acc_mode);
	mmap_write_unlock(mm);
	return (long)ret;
}

/*
 * sys_shmdt - detach the segment attached at @shmaddr (Linux's algorithm): the first attach at
 * or above @shmaddr whose offset in its segment equals its distance from @shmaddr is unmapped,
 * then the other parts of the same attach within the segment's size. Returns 0, or -EINVAL
 * (@shmaddr unaligned, or no attach there), -EINTR (SIGKILL while waiting for mmap_lock,
 * which it holds for writing).
 */
long sys_shmdt(unsigned long shmaddr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	struct file *file = NULL;
	unsigned long size = 0, addr = shmaddr;
	long ret = -EINVAL;

	if (shmaddr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (mmap_write_lock_killable(mm))
		return -EINTR;
	for (vma = find_vma(mm, addr); vma; vma = find_vma(mm, addr)) {
		addr = vma->vm_end;
		if (vma_is_shm(vma) && (vma->vm_start - shmaddr) / PAGE_SIZE == vma->vm_pgoff) {
			file = get_file(vma->vm_file);
			size = ALIGN_UP((unsigned long)file->f_inode->i_size, PAGE_SIZE);
			do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
			ret = 0;
			break;
		}
	}
	/* The rest of that attach (mprotect may have split it). */
	for (vma = find_vma(mm, addr); vma && vma->vm_end - shmaddr <= size; vma = find_vma(mm, addr)) {
		addr = vma->vm_end;
		if (vma_is_shm(vma) && vma->vm_file == file &&
		    (vma->vm_start - shmaddr) / PAGE_SIZE == vma->vm_pgoff)
			do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
	}
	mmap_write_unlock(mm);
	if (file)
		fput(file);
	return ret;
}

/* shm_fill_ds - the user's view of @shp. */
static void shm_fill_ds(const struct shmid_kernel *shp, struct shmid64_ds *ds)
{
	*ds = (struct shmid64_ds){
		.shm_perm = { .key = shp->key, .uid = shp->uid, .gid = shp->gid, .cuid = shp->cuid,
			      .cgid = shp->cgid, .mode = shp->mode, .seq = shp->seq },
		.shm_segsz = shp->segsz,
		.shm_atime = shp->atime, .shm_dtime = shp->dtime, .shm_ctime = shp->ctime,
		.shm_cpid = shp->cpid, .shm_lpid = shp->lpid,
		.shm_nattch = (unsigned long)shmem_object_users(shp->obj),
	};
}

/* shm_max_idx - the highest slot in use (what IPC_INFO and SHM_INFO return), 0 if none. */
static long shm_max_idx(void)
{
	for (int i = SHMMNI - 1; i > 0; i--)
		if (shm_segs[i])
			return i;
	return 0;
}

/* shm_info - SHM_INFO / IPC_INFO: copy the counts or the limits to @buf. */
static long shm_info(int cmd, void __user *buf)
{
	if (cmd == IPC_INFO) {
		struct shminfo64 info = { .shmmax = SHMMAX, .shmmin = SHMMIN, .shmmni = SHMMNI,
					  .shmseg = SHMSEG, .shmall = SHMALL };

		if (copy_to_user(buf, &info, sizeof(info)))
			return -EFAULT;
	} else {
		struct shm_info info = { .used_ids = (int)shm_used, .shm_tot = shm_tot };

		for (int i = 0; i < SHMMNI; i++)
			if (shm_segs[i]) {
				info.shm_rss += shmem_object_mapping(shm_segs[i]->obj)->nrpages;
				info.shm_swp += shmem_object_swapped(shm_segs[i]->obj);
			}
		if (copy_to_user(buf, &info, sizeof(info)))
			return -EFAULT;
	}
	return shm_max_idx();
}

/*
 * sys_shmctl - IPC_STAT (copy the segment's shmid_ds to @buf; needs read permission),
 * IPC_SET (owner, group and permission bits from @buf; owner or root), IPC_RMID (remove:
 * now, or at the last detach; owner or root), IPC_INFO / SHM_INFO (limits / usage; returns
 * the highest slot in use), SHM_STAT / SHM_STAT_ANY (IPC_STAT by slot index; returns the id),
 * SHM_LOCK / SHM_UNLOCK (the segment's pages stay in memory: reclaim leaves them; pages out
 * in swap already come back when touched). Returns 0 (or as said),
 * -EINVAL (bad id or command), -EIDRM, -EACCES, -EPERM, -EFAULT.
 */
long sys_shmctl(int shmid, int cmd, void __user *buf)
{
	struct shmid_kernel *shp;
	struct shmid64_ds ds;

	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	if (cmd == IPC_INFO || cmd == SHM_INFO)
		return shm_info(cmd, buf);
	if (cmd == SHM_STAT || cmd == SHM_STAT_ANY) {
		shp = shmid < SHMMNI ? shm_segs[shmid] : NULL;
		if (!shp)
			return -EINVAL;
	} else {
		shp = shm_obtain(shmid);
		if (!shp)
			return -EINVAL;
	}
	switch (cmd) {
	case SHM_STAT:
	case SHM_STAT_ANY:
	case IPC_STAT:
		if (cmd != SHM_STAT_ANY && ipcperms(shp, S_IRUGO))
			return -EACCES;
		shm_fill_ds(shp, &ds);
		if (copy_to_user(buf, &ds, sizeof(ds)))
			return -EFAULT;
		return cmd == IPC_STAT ? 0 : shp->id;
	case IPC_SET:
		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		if (!ipc_owner(shp))
			return -EPERM;
		shp->uid = ds.shm_perm.uid;
		shp->gid = ds.shm_perm.gid;
		shp->mode = (shp->mode & ~S_IRWXUGO) | (ds.shm_perm.mode & S_IRWXUGO);
		shp->ctime = shm_now();
		return 0;
	case IPC_RMID:
		if (!ipc_owner(shp))
			return -EPERM;
		if (shmem_object_users(shp->obj)) {
			shp->mode |= SHM_DEST;
			shp->key = IPC_PRIVATE;	/* no shmget finds it any more */
		} else {
			shm_destroy(shp);
		}
		return 0;
	case SHM_LOCK:
	case SHM_UNLOCK:
		if (!ipc_owner(shp))
			return -EPERM;
		if (cmd == SHM_LOCK)
			shp->mode |= SHM_LOCKED;
		else
			shp->mode &= ~SHM_LOCKED;
		shmem_object_mapping(shp->obj)->unevictable = cmd == SHM_LOCK;
		return 0;
	default:
		return -EINVAL;
	}
}
