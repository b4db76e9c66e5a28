/*
 * @@flags -q
 * A fault while building an aggregation's key names the key's own action
 * (each key is an action before the aggregation's), and the clause stops.
 */

BEGIN
{
	@[1, *(int *)0] = sum(1);
	printf("not reached\n");
}

BEGIN
{
	exit(0);
}
