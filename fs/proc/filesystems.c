/*
 * fs/proc/filesystems.c - /proc/filesystems (Linux's fs/filesystems.c): the file system types
 * the kernel knows, one per line, "nodev" before those that need no block device.
 */
#include "fs/proc/internal.h"
#include "kernel/lib/vsprintf.h"

static const struct {
	const char *name;
	bool nodev;
} filesystems[] = {
	{ "ramfs", true },	/* the root and /dev (fs/ramfs.c) */
	{ "proc", true },	/* fs/proc */
	{ "ext2", false },	/* fs/ext2 */
};

size_t filesystems_show(char *buf, size_t size, struct task_struct *task)
{
	size_t len = 0;

	(void)task;
	for (size_t i = 0; i < ARRAY_SIZE(filesystems); i++)
		len += (size_t)scnprintf(buf + len, size - len, "%s\t%s\n",
					 filesystems[i].nodev ? "nodev" : "", filesystems[i].name);
	return len;
}
