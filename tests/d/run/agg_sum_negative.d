/*
 * @@flags -q
 * A negative sum prints signed.
 */

BEGIN
{
	@ = sum(-7);
	@ = sum(-8);
	exit(0);
}
