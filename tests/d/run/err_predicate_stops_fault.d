/*
 * @@flags -q
 * A false predicate keeps a faulting clause from running.
 */

BEGIN
{
	z = 0;
}

BEGIN
/z != 0/
{
	x = 1 / z;
}

BEGIN
{
	printf("no fault\n");
	exit(0);
}
