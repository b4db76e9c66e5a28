/*
 * @@flags -q
 * The fault's action number counts every action of the clause.
 */

BEGIN
{
	a = 1;
	b = 2;
	printf("%d\n", a);
	c = *(int *)0x40;
}

BEGIN
{
	exit(0);
}
