/*
 * Associative arrays declared with value and key types.
 */

int seen[string];
uint64_t last[int, string];

tick-1sec
{
	seen[execname]++;
	last[cpu, probename] = timestamp;
	trace(seen[execname]);
}
