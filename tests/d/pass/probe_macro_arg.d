/*
 * @@args 2
 * A macro argument inside a probe description builds the tick interval.
 */

tick-$1sec
{
	printf("every %d seconds\n", $1);
}
