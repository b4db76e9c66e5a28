/*
 * @@flags -q
 * The remainder of a division by zero is a divide-by-zero fault too.
 */

BEGIN
{
	z = 0;
	y = 5 % z;
}

BEGIN
{
	exit(0);
}
