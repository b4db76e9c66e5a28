/*
 * Nested conditional expressions yielding integers and strings.
 */

tick-1sec
{
	n++;
	size = n < 10 ? 1 : n < 100 ? 2 : 3;
	label = n % 2 == 0 ? "even" : "odd";
	printf("%d %s\n", size, label);
}
