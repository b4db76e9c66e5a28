/*
 * @@tag D_PRAGMA_OPTSET
 * @@line 8
 * @@message failed to set option 'bufsize' to 'plenty': Invalid value for specified option
 * A size option with a value that is not a size.
 */

#pragma D option bufsize=plenty

BEGIN
{
	trace(1);
}
