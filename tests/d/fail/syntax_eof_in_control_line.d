/*
 * @@tag D_SYNTAX
 * @@line 12
 * @@message end-of-file encountered before end of control line
 * A control line must end with a newline, even the last one.
 */

BEGIN
{
	exit(0);
}
#pragma D option quiet