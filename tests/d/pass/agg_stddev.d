/*
 * Standard deviation of a sampled value.
 */

tick-10ms
{
	@spread = stddev(timestamp % 1000);
}
