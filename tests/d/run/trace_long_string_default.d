/*
 * A string longer than the 33-column field is not cut.
 */

BEGIN
{
	trace("abcdefghijklmnopqrstuvwxyz0123456789");
	exit(0);
}
