/*
 * fs/mount.h - mounted file systems (Linux's fs/mount.h and fs/namespace.c in miniature).
 *
 * The tree starts as the RAM file system of fs/super.c. mount(2) puts a disk file system on a
 * directory of it (the mount point): from then on a path walk that reaches the mount point
 * goes on in the mounted file system's root instead, and ".." at that root goes back to the
 * mount point's parent. Without a dentry cache, a mount point is an inode: the mount holds a
 * reference to it, so the walk meets the same struct inode each time (ramfs inodes live in
 * their directory; a disk file system's are kept in its inode cache while referenced), and
 * inode->i_mounted tells the walk, with no search, that a mount is there.
 *
 * One mount per mount point and per disk (mounting either twice is -EBUSY); no bind mounts,
 * no namespaces.
 */
#ifndef FAULTLINE_FS_MOUNT_H
#define FAULTLINE_FS_MOUNT_H

#include "fs/fs.h"
#include "fs/buffer.h"

#define MS_RDONLY	1		/* mount(2) flags (Linux's values) */
#define MS_NOSUID	2
#define MS_NODEV	4
#define MS_NOEXEC	8
#define MS_SYNCHRONOUS	16
#define MS_REMOUNT	32
#define MS_NOATIME	1024
#define MS_NODIRATIME	2048
#define MS_SILENT	32768
#define MS_RELATIME	(1 << 21)
#define MS_STRICTATIME	(1 << 24)

#define MNT_FORCE	1		/* umount2(2) flags */
#define MNT_DETACH	2
#define MNT_EXPIRE	4
#define UMOUNT_NOFOLLOW	8

/* IS_RDONLY - is @inode on a file system mounted read-only (writes to it are -EROFS)? */
static inline bool IS_RDONLY(const struct inode *inode)
{
	return inode->i_sb && (inode->i_sb->s_flags & SB_RDONLY);
}

struct vfsmount {
	struct list_head mnt_list;	/* in the mount table, in mount order */
	struct inode *mnt_mountpoint;	/* the directory it covers (referenced) */
	struct super_block *mnt_sb;
	char mnt_devname[32];		/* "/dev/vdb", as /proc/mounts shows it */
	char *mnt_path;			/* where it is mounted (kmalloc'ed) */
};

/* The file system types (fs/filesystems.c). */
/* register_filesystem - make @fs known to mount(2). 0, or -EBUSY if the name is taken. */
int register_filesystem(struct file_system_type *fs);
/* get_fs_type - the type called @name, or NULL. */
struct file_system_type *get_fs_type(const char *name);
/* next_fs_type - the type after @prev (NULL: the first); NULL after the last. */
struct file_system_type *next_fs_type(struct file_system_type *prev);

/*
 * follow_mount - @inode was just reached by a walk: if a file system is mounted on it, return
 * that file system's root instead (the walk's reference moves: @inode is put, the root is
 * taken), repeatedly; else @inode itself.
 */
struct inode *follow_mount(struct inode *inode);

/*
 * follow_dotdot_mount - the walk is about to look up ".." in @inode: if @inode is the root of
 * a mounted file system, return the mount point it covers (reference moved), repeatedly, so
 * ".." is looked up there; else @inode itself.
 */
struct inode *follow_dotdot_mount(struct inode *inode);

/* mount_for_each - call @fn for each mount in mount order (for /proc/mounts); stops early
 * and returns @fn's value if non-zero. */
int mount_for_each(int (*fn)(struct vfsmount *mnt, void *arg), void *arg);

/* mounts_show - /proc/mounts, as Linux writes it: "device mountpoint type options 0 0" for
 * the root, /proc and each mount (a proc_entry show function: see fs/proc/internal.h). */
struct task_struct;
size_t mounts_show(char *buf, size_t size, struct task_struct *task);

/* iterate_supers - call @fn on each mounted super_block (for sync and the flusher). */
void iterate_supers(void (*fn)(struct super_block *sb, void *arg), void *arg);

/* The super_block's life (fs/super.c). */
/* alloc_super - a zeroed super_block of type @type with its lists and mutex set up. */
struct super_block *alloc_super(struct file_system_type *type);
/* free_super - free @sb (after put_super and invalidate_buffers). */
void free_super(struct super_block *sb);

/* Write-back (fs/fs-writeback.c). */
/*
 * sync_filesystem - write every dirty page and inode of @sb, its metadata, and flush the
 * disk's cache: on return everything written before is on the disk. 0 or the first -errno.
 */
int sync_filesystem(struct super_block *sb);
/* wakeup_flusher_threads - ask the flusher to write back now (msync(MS_ASYNC), sync). */
void wakeup_flusher_threads(void);
/* flusher_init - start the flusher kernel thread (once, at boot). */
void flusher_init(void);

/* Inode cache of a disk file system (fs/inode.c). */
/* iget_locked_sb - the cached inode @ino of @sb, referenced, or NULL. */
struct inode *ilookup(struct super_block *sb, unsigned long ino);
/* inode_sb_list_add - put the new inode @inode in @sb's inode cache (sets i_sb). */
void inode_sb_list_add(struct super_block *sb, struct inode *inode);
/* evict_inodes - umount: evict every unreferenced cached inode of @sb. Returns how many
 * inodes stay referenced (0 expected at umount, after the busy check). */
unsigned long evict_inodes(struct super_block *sb);

#endif
