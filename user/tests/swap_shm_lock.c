/*
 * swap_shm_lock - shmctl(SHM_LOCK) keeps a System V segment's pages in memory: MADV_PAGEOUT on
 * its attached pages moves nothing (pswpout and Shmem unchanged, every page resident by
 * mincore), as Linux keeps a locked segment's pages on its unevictable list. After SHM_UNLOCK
 * the same MADV_PAGEOUT sends them to swap, and they come back intact.
 */
#include "swap_disk.h"
#include <sys/ipc.h>
#include <sys/shm.h>

#define PAGES	64UL

int main(void)
{
	size_t len = PAGES * PAGE_SIZE;
	long out0, shmem0;
	unsigned char *p;
	int id;

	swap_on();
	id = shmget(IPC_PRIVATE, len, IPC_CREAT | 0600);
	ASSERT(id >= 0, "shmget: %s", strerror(errno));
	p = shmat(id, NULL, 0);
	ASSERT(p != (void *)-1, "shmat: %s", strerror(errno));
	fill(p, PAGES, 3);

	ASSERT(shmctl(id, SHM_LOCK, NULL) == 0, "SHM_LOCK: %s", strerror(errno));
	out0 = vmstat("pswpout");
	shmem0 = meminfo_kb("Shmem:");
	EXPECT_EQ(madvise(p, len, MADV_PAGEOUT), 0);
	EXPECT_EQ(vmstat("pswpout"), out0);
	EXPECT(meminfo_kb("Shmem:") >= shmem0, "Shmem fell from %ld to %ld kB while locked", shmem0,
	       meminfo_kb("Shmem:"));
	EXPECT_EQ(resident_pages(p, PAGES), PAGES);

	ASSERT(shmctl(id, SHM_UNLOCK, NULL) == 0, "SHM_UNLOCK: %s", strerror(errno));
	EXPECT_EQ(madvise(p, len, MADV_PAGEOUT), 0);
	EXPECT(vmstat("pswpout") - out0 >= (long)PAGES * 3 / 4, "pswpout grew by %ld after SHM_UNLOCK, expected about %lu",
	       vmstat("pswpout") - out0, PAGES);
	EXPECT_EQ(bad_pages(p, PAGES, 3), 0);

	EXPECT_EQ(shmdt(p), 0);
	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
