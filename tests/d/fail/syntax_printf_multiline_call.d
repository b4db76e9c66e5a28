/*
 * @@tag D_SYNTAX
 * @@line 11
 * @@message format conversion #2 is undefined: %Z
 * A format error in a call spread over lines is reported on the line of the
 * function name.
 */

BEGIN
{
	printf(
	    "%d %Z\n",
	    pid, ppid);
}
