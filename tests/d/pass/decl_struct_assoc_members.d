/*
 * Members of struct-valued associative array elements are assigned and read.
 */

struct callinfo {
	uint64_t ts;
	uint64_t elapsed;
	uint64_t calls;
	int maxarg;
};

struct callinfo info[string];

tick-100ms
{
	info[probename].ts = timestamp;
	info[probename].calls++;
	info[probename].maxarg = arg0 > info[probename].maxarg ?
	    arg0 : info[probename].maxarg;
}

tick-1sec
{
	printf("%d calls\n", info["tick-100ms"].calls);
}
