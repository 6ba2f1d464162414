/*
 * shm_rmid - IPC_RMID of an attached segment marks it SHM_DEST and takes its key away (a new
 * shmget of the key makes another segment) while the attach keeps working; the id stays valid
 * for IPC_STAT and shmat until the last detach, which destroys it - whether by shmdt, munmap, or
 * a child's exit. IPC_SET changes the permission bits (and ctime); a process that is not the
 * owner or root cannot IPC_RMID (EPERM) and is refused access the mode does not grant
 * (EACCES).
 */
#include "test.h"
#include <sys/ipc.h>
#include <sys/shm.h>
#include <grp.h>

#define KEY	0x46a11001

int main(void)
{
	struct shmid_ds ds;
	int id, id2, status;
	char *a;
	pid_t pid;

	shmctl(shmget(KEY, 1, 0600), IPC_RMID, NULL);
	id = shmget(KEY, 8192, IPC_CREAT | 0600);
	ASSERT(id >= 0, "shmget: %s", strerror(errno));
	a = shmat(id, NULL, 0);
	ASSERT(a != (char *)-1, "shmat: %s", strerror(errno));
	a[0] = 'x';

	/* A child attached too: it exits holding the attach. */
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		char *c = shmat(id, NULL, SHM_RDONLY);

		_exit(c != (char *)-1 && c[0] == 'x' ? 0 : 1);
	}
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);

	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	ASSERT(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT after IPC_RMID: %s", strerror(errno));
	EXPECT(ds.shm_perm.mode & SHM_DEST, "mode %#o has no SHM_DEST", ds.shm_perm.mode);
	EXPECT_EQ(ds.shm_perm.__ipc_perm_key, IPC_PRIVATE);
	EXPECT_EQ(ds.shm_nattch, 1);			/* the child's two went with it */
	EXPECT_ERRNO(shmget(KEY, 8192, 0600), ENOENT);
	id2 = shmget(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600);
	EXPECT(id2 >= 0 && id2 != id, "a new segment for the key: %d", id2);
	EXPECT_EQ(shmctl(id2, IPC_RMID, NULL), 0);
	EXPECT_EQ(a[0], 'x');
	a[1] = 'y';

	/* munmap of the attach is a detach too; then the segment is gone. */
	EXPECT_EQ(munmap(a, 4096), 0);			/* half of it: still attached */
	EXPECT_EQ(shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(munmap(a + 4096, 4096), 0);
	EXPECT_ERRNO(shmctl(id, IPC_STAT, &ds), EINVAL);
	EXPECT_ERRNO(shmat(id, NULL, 0), EINVAL);

	/* IPC_SET: mode bits, and what another user may do. */
	id = shmget(IPC_PRIVATE, 4096, 0600);
	ASSERT(id >= 0, "shmget: %s", strerror(errno));
	ASSERT(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT: %s", strerror(errno));
	ds.shm_perm.mode = 0604;
	EXPECT_EQ(shmctl(id, IPC_SET, &ds), 0);
	ASSERT(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT: %s", strerror(errno));
	EXPECT_EQ(ds.shm_perm.mode & 0777, 0604);
	if (geteuid() == 0) {
		fflush(NULL);
		pid = fork();
		ASSERT(pid >= 0, "fork: %s", strerror(errno));
		if (pid == 0) {
			int bad = 0;

			if (setgroups(0, NULL) != 0 || setresgid(1000, 1000, 1000) != 0 ||
			    setresuid(1000, 1000, 1000) != 0)
				_exit(2);
			bad |= shmat(id, NULL, 0) != (void *)-1 || errno != EACCES;	/* no write */
			bad |= shmat(id, NULL, SHM_RDONLY) == (void *)-1;		/* read ok */
			bad |= (shmctl(id, IPC_RMID, NULL) != -1 || errno != EPERM) << 1;
			_exit(bad);
		}
		EXPECT_EQ(wait_exit_status(pid), 0);
	}
	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	return test_done();
}
