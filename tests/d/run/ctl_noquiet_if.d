/*
 * Without -q, each ECB an if/else clause becomes prints its probe line, as
 * with dt_sugar.c: clear-error, `x = 1`, the condition, the if body, the
 * rest; the notice counts those five and the ERROR clause.
 */

BEGIN
{
	x = 1;
	if (x)
		printf("a");
	exit(0);
}
