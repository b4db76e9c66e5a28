/*
 * An inline integer constant used as a scalar array dimension.
 */

inline int NBUCKETS = 8;
int buckets[NBUCKETS];

tick-10ms
{
	buckets[timestamp % NBUCKETS]++;
}

tick-1sec
{
	printf("%d %d\n", buckets[0], buckets[NBUCKETS - 1]);
}
