/*
 * sys_sysinfo - sysinfo reports a positive uptime, total RAM at least the free RAM, both in
 * bytes times mem_unit, and at least this process and its child among the processes;
 * personality(0xffffffff) queries the execution domain without changing it (PER_LINUX, 0).
 */
#include "test.h"
#include <sys/personality.h>
#include <sys/sysinfo.h>

int main(void)
{
	struct sysinfo si;
	pid_t pid;
	int p;

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		pause();
		_exit(0);
	}
	ASSERT(sysinfo(&si) == 0, "sysinfo: %s", strerror(errno));
	kill(pid, SIGKILL);
	wait_exit_status(pid);
	EXPECT(si.uptime > 0, "uptime %ld", si.uptime);
	EXPECT(si.mem_unit >= 1, "mem_unit %u", si.mem_unit);
	EXPECT(si.totalram >= si.freeram && si.freeram > 0, "totalram %lu freeram %lu", si.totalram,
	       si.freeram);
	EXPECT((unsigned long long)si.totalram * si.mem_unit >= 16ULL << 20, "totalram %lu x %u",
	       si.totalram, si.mem_unit);
	EXPECT(si.procs >= 2, "procs %u", si.procs);
	EXPECT_ERRNO(sysinfo((struct sysinfo *)8), EFAULT);

	p = personality(0xffffffff);
	EXPECT(p == PER_LINUX, "personality %#x", p);
	EXPECT_EQ(personality(0xffffffff), p);
	return test_done();
}
