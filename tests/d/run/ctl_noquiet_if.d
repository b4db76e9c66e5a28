/*
 * Without -q, of the ECBs an if/else clause becomes (as with dt_sugar.c:
 * clear-error, `x = 1`, the condition, the if body, the rest) only those
 * recording data print their probe line: the if body and the rest. The
 * notice counts all five and the ERROR clause.
 */

BEGIN
{
	x = 1;
	if (x)
		printf("a");
	exit(0);
}
