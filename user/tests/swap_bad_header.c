/*
 * swap_bad_header - swapon checks the header against the device, as Linux does: a disk whose
 * header promises more pages than the disk has (/dev/vdh: made by mkswap for 4 MiB, then cut
 * to 1 MiB) and a disk with a version-1 header but no "SWAPSPACE2" signature (/dev/vdi:
 * mkswap's header with the signature zeroed) are both refused with EINVAL; the test disks'
 * makers are tools/run-user-tests and tools/run-user-tests-linux.
 */
#include "swap_disk.h"

int main(void)
{
	EXPECT_ERRNO(swapon("/dev/vdh", 0), EINVAL);
	EXPECT_ERRNO(swapon("/dev/vdi", 0), EINVAL);
	/* Refused, not half on: the real swap disk still goes on and off. */
	EXPECT_EQ(swapon(SWAP_DEV, 0), 0);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
