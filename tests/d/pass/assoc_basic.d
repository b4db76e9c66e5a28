/*
 * An associative array keyed by an integer records a timestamp per process.
 */

profile-97
/start[pid] == 0/
{
	start[pid] = timestamp;
}

tick-1sec
{
	printf("%d\n", timestamp - start[pid]);
}
