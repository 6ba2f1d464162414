/*
 * fs/filesystems.c - the kinds of file system mount(2) knows by name (Linux's
 * fs/filesystems.c): a list that each disk file system joins at boot, and /proc/filesystems.
 */
#include "fs/mount.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

static struct file_system_type *file_systems;

int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type **p;

	for (p = &file_systems; *p; p = &(*p)->next)
		if (strcmp((*p)->name, fs->name) == 0)
			return -EBUSY;
	fs->next = NULL;
	*p = fs;
	return 0;
}

struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *fs;

	for (fs = file_systems; fs; fs = fs->next)
		if (strcmp(fs->name, name) == 0)
			return fs;
	return NULL;
}

struct file_system_type *next_fs_type(struct file_system_type *prev)
{
	return prev ? prev->next : file_systems;
}
