/*
 * @@flags -q
 * A division by zero in the branch not taken does not fault.
 */

BEGIN
{
	z = 0;
	x = z ? 1 / z : -1;
	printf("%d\n", x);
	exit(0);
}
