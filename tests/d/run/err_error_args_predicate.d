/*
 * @@flags -q
 * A fault in a predicate gives ERROR arg2 = 0.
 */

BEGIN
{
	z = 0;
}

BEGIN
/1 / z/
{
}

ERROR
{
	printf("epid %d action %d\n", arg1, arg2);
	exit(0);
}
