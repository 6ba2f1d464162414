/*
 * shm_attach_addr - shmat at a chosen address: a page-aligned address is used as is; an
 * unaligned one is EINVAL unless SHM_RND rounds it down; an address already mapped is EINVAL
 * unless SHM_REMAP replaces the mapping; SHM_REMAP without an address is EINVAL; shmdt finds
 * an attach's remaining part by its offset as Linux does. A SHM_RDONLY
 * attach cannot be written (SIGSEGV) nor made writable by mprotect (EACCES). An attach split by
 * mprotect counts twice in shm_nattch and shmdt removes both parts.
 */
#include "test.h"
#include <sys/ipc.h>
#include <sys/shm.h>

static int shm_id;
static char *ro;

static void write_ro(void *arg)
{
	(void)arg;
	ro[0] = 1;
}

static unsigned long nattch(int id)
{
	struct shmid_ds ds;

	return shmctl(id, IPC_STAT, &ds) == 0 ? ds.shm_nattch : (unsigned long)-1;
}

int main(void)
{
	char *hole, *p;

	shm_id = shmget(IPC_PRIVATE, 3 * 4096, 0600);
	ASSERT(shm_id >= 0, "shmget: %s", strerror(errno));
	/* A free, known range: map 8 pages, unmap them. */
	hole = mmap(NULL, 8 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(hole != MAP_FAILED, "mmap: %s", strerror(errno));
	ASSERT(munmap(hole, 8 * 4096) == 0, "munmap: %s", strerror(errno));

	p = shmat(shm_id, hole, 0);
	EXPECT(p == hole, "shmat at %p gave %p", (void *)hole, (void *)p);
	EXPECT_ERRNO(shmat(shm_id, hole + 4096, 0), EINVAL);	/* in use */
	EXPECT_ERRNO(shmat(shm_id, hole + 5 * 4096 + 100, 0), EINVAL);	/* unaligned */
	EXPECT_ERRNO(shmat(shm_id, NULL, SHM_REMAP), EINVAL);
	p = shmat(shm_id, hole + 5 * 4096 + 100, SHM_RND);
	EXPECT(p == hole + 5 * 4096, "SHM_RND gave %p", (void *)p);
	EXPECT_EQ(nattch(shm_id), 2);
	p = shmat(shm_id, hole + 4 * 4096, SHM_REMAP);		/* replaces part of the second */
	EXPECT(p == hole + 4 * 4096, "SHM_REMAP gave %p", (void *)p);
	EXPECT_EQ(nattch(shm_id), 3);		/* the second keeps its last page */
	EXPECT_EQ(shmdt(hole + 4 * 4096), 0);
	EXPECT_EQ(nattch(shm_id), 2);
	/* Linux's rule: the first attach at or above the address whose offset in the segment is
	 * its distance from it - the second's last page (offset 2 pages, 2 pages up). */
	EXPECT_EQ(shmdt(hole + 5 * 4096), 0);
	EXPECT_EQ(nattch(shm_id), 1);
	EXPECT_ERRNO(shmdt(hole + 5 * 4096), EINVAL);

	/* Split by mprotect: two VMAs, two in nattch, one shmdt. */
	EXPECT_EQ(mprotect(hole + 4096, 4096, PROT_READ), 0);
	EXPECT_EQ(nattch(shm_id), 3);
	EXPECT_EQ(shmdt(hole), 0);
	EXPECT_EQ(nattch(shm_id), 0);
	EXPECT(mprotect(hole, 3 * 4096, PROT_READ) == -1 && errno == ENOMEM, "shmdt left a mapping");

	ro = shmat(shm_id, NULL, SHM_RDONLY);
	ASSERT(ro != (char *)-1, "shmat SHM_RDONLY: %s", strerror(errno));
	EXPECT_EQ(ro[0], 0);
	expect_signal(write_ro, NULL, SIGSEGV);
	EXPECT_ERRNO(mprotect(ro, 4096, PROT_READ | PROT_WRITE), EACCES);
	EXPECT_EQ(shmdt(ro), 0);
	EXPECT_EQ(shmctl(shm_id, IPC_RMID, NULL), 0);
	return test_done();
}
