/*
 * printa of a quantize aggregation with a format string.
 */

tick-10ms
{
	@dist[probename] = quantize(rand() % 4096);
}

tick-1sec
{
	printa("%s\n%@d\n", @dist);
	exit(0);
}
