/*
 * sys_uname - uname reports the Linux it imitates: sysname "Linux", a release of the form
 * "6.x..." (on Faultline exactly "6.1.0-faultline"), machine "x86_64"; Faultline keeps its
 * name in the version string.
 */
#include "test.h"

int main(void)
{
	struct utsname u;

	ASSERT(uname(&u) == 0, "uname: %s", strerror(errno));
	EXPECT(strcmp(u.sysname, "Linux") == 0, "sysname %s", u.sysname);
	EXPECT(strcmp(u.machine, "x86_64") == 0, "machine %s", u.machine);
	EXPECT(u.release[0] >= '3' && u.release[0] <= '9' && u.release[1] == '.', "release %s", u.release);
	if (on_faultline()) {
		EXPECT(strcmp(u.release, "6.1.0-faultline") == 0, "release %s", u.release);
		EXPECT(strstr(u.version, "Faultline") != NULL, "version %s", u.version);
	}
	EXPECT_ERRNO(syscall(SYS_uname, (void *)8), EFAULT);
	return test_done();
}
