/*
 * @@flags -q
 * A fault does not change the exit status; exit(0) later gives 0.
 */

BEGIN
{
	z = 0;
	z = 4 / z;
}

BEGIN
{
	exit(0);
}
