/*
 * @@flags -q
 * tick-10ms with an explicit unit, counted.
 */

tick-10ms
/++n == 2/
{
	printf("fired twice\n");
	exit(0);
}
