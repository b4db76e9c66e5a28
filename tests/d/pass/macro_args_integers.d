/*
 * @@args 3 10
 * Integer macro arguments used in a predicate and in actions.
 */

tick-1sec
/++n >= $1/
{
	printf("stopping after %d ticks (limit %d, max %d)\n", n, $1, $2);
	exit(0);
}
