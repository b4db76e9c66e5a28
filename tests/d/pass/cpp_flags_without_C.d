/*
 * @@flags -DUNUSED=1 -UOTHER
 * -D and -U are accepted without -C and simply have no effect.
 */

BEGIN
{
	exit(0);
}
