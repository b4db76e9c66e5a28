/*
 * @@flags -q -w
 * @@status 1
 * raise() acts on the traced process; the local engine has none and says so.
 */

BEGIN
{
	raise(9);
}
