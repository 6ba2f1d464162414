/*
 * user/seed/pgfaults.c - the seed note's example program ("Linux Kernel Virtual Memory",
 * "Example of Page Allocation and Fault"), kept as the note prints it.
 *
 * Seed concept: demand paging. malloc() of 1 MiB only reserves addresses; the first memset
 * touches 256 fresh 4 KiB pages and so costs 256 minor page faults; the second memset costs
 * none, because all the pages are now mapped. tests/seed_faults checks the same claim.
 *
 * Two notes for anyone building it:
 *  - The only change from the note is "(void)argc; (void)argv;", so that it builds with
 *    -Wall -Wextra -Werror.
 *  - At -O2 GCC sees that the buffer is never read and deletes malloc() and both memset()
 *    calls: the program then prints no new faults at all. user.mk therefore builds this one
 *    file with -fno-builtin, which stops GCC treating malloc/memset as known functions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define BUFFER_SIZE (1024 * 1024) // 1MB

void print_pgfaults(void)
{
    int ret;
    struct rusage usage;
    ret = getrusage(RUSAGE_SELF, &usage);
    if (ret == -1) {
        perror("getrusage");
    } else {
        printf ("Major page faults %ld\n", usage.ru_majflt);
        printf ("Minor page faults %ld\n", usage.ru_minflt);
    }
}

int main (int argc, char *argv[])
{
    unsigned char *p;
    (void)argc; (void)argv;
    printf("Initial state\n");
    print_pgfaults();
    p = malloc(BUFFER_SIZE);
    printf("After malloc\n");
    print_pgfaults();
    memset(p, 0x42, BUFFER_SIZE);
    printf("After memset\n");
    print_pgfaults();
    memset(p, 0x42, BUFFER_SIZE);
    printf("After 2nd memset\n");
    print_pgfaults();
    return 0;
}
