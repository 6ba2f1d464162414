/*
 * shm_orphan - a System V segment outlives the process that made it: a child creates one,
 * attaches, writes three pages and exits without IPC_RMID. Its exit detaches (shm_nattch 0,
 * shm_lpid the child) but destroys nothing (Linux with kernel.shm_rmid_forced 0, the
 * default): the parent finds it by key, by SHM_STAT over the slots SHM_INFO reports, and reads
 * the child's data; only IPC_RMID frees it. Run twice by the runner, the MemFree check then
 * proves the removal gave every page and kernel object back. (This is how the fuzzer's dead
 * workers left segments behind: its supervisor must remove them, as this test does.)
 */
#define _GNU_SOURCE
#include "test.h"
#include <sys/ipc.h>
#include <sys/shm.h>

#define KEY	0x46a11003
#define PAGES	3
#define PAGE	4096

/* find_by_stat - the id SHM_STAT gives for a slot whose key is @key, or -1. */
static int find_by_stat(key_t key)
{
	struct shm_info info;
	struct shmid_ds ds;
	int max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);

	ASSERT(max >= 0, "shmctl SHM_INFO: %s", strerror(errno));
	for (int i = 0; i <= max; i++) {
		int id = shmctl(i, SHM_STAT, &ds);

		if (id >= 0 && ds.shm_perm.__key == key)
			return id;
	}
	return -1;
}

int main(void)
{
	struct shmid_ds ds;
	pid_t pid;
	char *a;
	int id;

	shmctl(shmget(KEY, 1, 0600), IPC_RMID, NULL);	/* a failed earlier run's */
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		int cid = shmget(KEY, PAGES * PAGE, IPC_CREAT | IPC_EXCL | 0600);
		char *c = cid < 0 ? (char *)-1 : shmat(cid, NULL, 0);

		if (c == (char *)-1)
			_exit(1);
		for (int p = 0; p < PAGES; p++)
			c[p * PAGE] = (char)('a' + p);
		_exit(0);			/* no shmdt, no IPC_RMID */
	}
	EXPECT_EQ(wait_exit_status(pid), 0);

	id = shmget(KEY, 0, 0600);
	ASSERT(id >= 0, "shmget of the dead child's key: %s", strerror(errno));
	EXPECT_EQ(find_by_stat(KEY), id);
	ASSERT(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT: %s", strerror(errno));
	EXPECT_EQ(ds.shm_nattch, 0);		/* the exit detached */
	EXPECT_EQ(ds.shm_cpid, pid);
	EXPECT_EQ(ds.shm_lpid, pid);
	EXPECT(!(ds.shm_perm.mode & SHM_DEST), "mode %#o: the exit marked it for destruction",
	       (unsigned)ds.shm_perm.mode);

	a = shmat(id, NULL, SHM_RDONLY);
	ASSERT(a != (char *)-1, "shmat: %s", strerror(errno));
	for (int p = 0; p < PAGES; p++)
		EXPECT(a[p * PAGE] == 'a' + p, "page %d holds %#x", p, (unsigned char)a[p * PAGE]);
	EXPECT_EQ(shmdt(a), 0);

	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);	/* nothing attached: gone at once */
	EXPECT_ERRNO(shmget(KEY, 0, 0600), ENOENT);
	EXPECT_EQ(find_by_stat(KEY), -1);
	return test_done();
}
