/*
 * shm_basic - System V shared memory as Linux does it: shmget with IPC_PRIVATE always makes a
 * new segment; a key is found again (IPC_CREAT|IPC_EXCL on it is EEXIST, a larger size EINVAL,
 * no IPC_CREAT on a missing key ENOENT); size 0 is EINVAL; IPC_STAT reports the key, size (not
 * rounded), mode, creator pid and nattch; shmat at NULL returns a page-aligned address whose
 * pages start zeroed and are shared with a second attach and with a forked child (whose attach
 * counts in shm_nattch); shmdt detaches, and of an address no attach starts at is EINVAL;
 * MADV_WILLNEED on an attach brings no page in (shmem has nothing to read).
 */
#include "test.h"
#include <sys/ipc.h>
#include <sys/shm.h>

#define KEY	0x46a11000

static unsigned long nattch(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds) != 0)
		return (unsigned long)-1;
	return ds.shm_nattch;
}

int main(void)
{
	struct shmid_ds ds;
	int id, id2, priv, status;
	char *a, *b;
	pid_t pid;

	priv = shmget(IPC_PRIVATE, 5000, 0600);
	ASSERT(priv >= 0, "shmget IPC_PRIVATE: %s", strerror(errno));
	id2 = shmget(IPC_PRIVATE, 5000, 0600);
	EXPECT(id2 >= 0 && id2 != priv, "a second IPC_PRIVATE segment: %d (first %d)", id2, priv);
	EXPECT_EQ(shmctl(id2, IPC_RMID, NULL), 0);

	shmctl(shmget(KEY, 1, 0600), IPC_RMID, NULL);	/* a leftover from a failed run */
	EXPECT_ERRNO(shmget(KEY, 4096, 0600), ENOENT);
	EXPECT_ERRNO(shmget(KEY, 0, IPC_CREAT | 0600), EINVAL);
	id = shmget(KEY, 3 * 4096 + 1, IPC_CREAT | IPC_EXCL | 0640);
	ASSERT(id >= 0, "shmget IPC_CREAT: %s", strerror(errno));
	EXPECT_EQ(shmget(KEY, 4096, 0600), id);
	EXPECT_EQ(shmget(KEY, 0, IPC_CREAT | 0600), id);
	EXPECT_ERRNO(shmget(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	EXPECT_ERRNO(shmget(KEY, 5 * 4096, 0600), EINVAL);

	ASSERT(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT: %s", strerror(errno));
	EXPECT_EQ(ds.shm_perm.__ipc_perm_key, KEY);
	EXPECT_EQ(ds.shm_segsz, 3 * 4096 + 1);
	EXPECT_EQ(ds.shm_perm.mode & 0777, 0640);
	EXPECT_EQ(ds.shm_perm.uid, geteuid());
	EXPECT_EQ(ds.shm_perm.cuid, geteuid());
	EXPECT_EQ(ds.shm_cpid, getpid());
	EXPECT_EQ(ds.shm_nattch, 0);
	EXPECT_EQ(ds.shm_atime, 0);
	EXPECT_ERRNO(shmctl(id, IPC_STAT, (struct shmid_ds *)8), EFAULT);
	EXPECT_ERRNO(shmctl(id + 1, IPC_STAT, &ds), EINVAL);
	EXPECT_ERRNO(shmctl(-1, IPC_STAT, &ds), EINVAL);
	EXPECT_ERRNO(shmctl(id, 99, &ds), EINVAL);

	a = shmat(id, NULL, 0);
	ASSERT(a != (char *)-1, "shmat: %s", strerror(errno));
	EXPECT(((unsigned long)a & 4095) == 0, "shmat gave %p", (void *)a);
	EXPECT(a[0] == 0 && a[3 * 4096] == 0 && a[4 * 4096 - 1] == 0, "new pages are zero");
	EXPECT_EQ(nattch(id), 1);
	b = shmat(id, NULL, SHM_RDONLY);
	ASSERT(b != (char *)-1, "shmat SHM_RDONLY: %s", strerror(errno));
	EXPECT(a != b, "two attaches at one address");
	EXPECT_EQ(nattch(id), 2);
	strcpy(a + 4096, "shared");
	EXPECT(strcmp(b + 4096, "shared") == 0, "the second attach sees '%s'", b + 4096);
	ASSERT(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT: %s", strerror(errno));
	EXPECT(ds.shm_atime >= ds.shm_ctime && ds.shm_lpid == getpid(), "atime %ld ctime %ld lpid %d",
	       (long)ds.shm_atime, (long)ds.shm_ctime, ds.shm_lpid);

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		/* The child inherits both attaches (nattch 4) and writes through the first. */
		int ok = nattch(id) == 4 && strcmp(b + 4096, "shared") == 0;

		strcpy(a + 8192, "child");
		_exit(ok ? 0 : 1);
	}
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	EXPECT(strcmp(b + 8192, "child") == 0, "the child's write: '%s'", b + 8192);
	EXPECT_EQ(nattch(id), 2);

	EXPECT_ERRNO(shmdt(a + 4096), EINVAL);		/* no attach starts there */
	EXPECT_ERRNO(shmdt(a + 1), EINVAL);
	EXPECT_EQ(shmdt(b), 0);
	EXPECT_EQ(nattch(id), 1);
	EXPECT_ERRNO(shmdt(b), EINVAL);
	EXPECT_EQ(shmdt(a), 0);
	EXPECT_EQ(nattch(id), 0);
	ASSERT(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT: %s", strerror(errno));
	EXPECT(ds.shm_dtime >= ds.shm_atime, "dtime %ld atime %ld", (long)ds.shm_dtime,
	       (long)ds.shm_atime);

	/* The data outlives the attaches. */
	a = shmat(id, NULL, 0);
	ASSERT(a != (char *)-1, "shmat again: %s", strerror(errno));
	EXPECT(strcmp(a + 4096, "shared") == 0, "the segment kept '%s'", a + 4096);
	EXPECT_EQ(shmdt(a), 0);

	/* MADV_WILLNEED has nothing to read in for a segment: no page appears (shmem). */
	id2 = shmget(IPC_PRIVATE, 64 << 20, 0600);
	ASSERT(id2 >= 0, "shmget 64 MiB: %s", strerror(errno));
	a = shmat(id2, NULL, 0);
	ASSERT(a != (char *)-1, "shmat 64 MiB: %s", strerror(errno));
	EXPECT_EQ(madvise(a, 64 << 20, MADV_WILLNEED), 0);
	{
		static unsigned char vec[(64 << 20) / 4096];
		int n = 0;

		EXPECT_EQ(mincore(a, 64 << 20, vec), 0);
		for (size_t i = 0; i < sizeof(vec); i++)
			n += vec[i] & 1;
		EXPECT(n == 0, "%d pages resident after MADV_WILLNEED", n);
	}
	EXPECT_EQ(shmdt(a), 0);
	EXPECT_EQ(shmctl(id2, IPC_RMID, NULL), 0);

	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	EXPECT_ERRNO(shmctl(id, IPC_STAT, &ds), EINVAL);
	EXPECT_ERRNO(shmat(id, NULL, 0), EINVAL);
	EXPECT_ERRNO(shmget(KEY, 4096, 0600), ENOENT);
	EXPECT_EQ(shmctl(priv, IPC_RMID, NULL), 0);
	return test_done();
}
