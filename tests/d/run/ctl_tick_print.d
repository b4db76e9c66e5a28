/*
 * @@flags -q
 * tick-1ms clauses print on each firing until exit().
 */

tick-1ms
/i < 3/
{
	i++;
	printf("tick %d\n", i);
}

tick-1ms
/i == 3/
{
	exit(0);
}
