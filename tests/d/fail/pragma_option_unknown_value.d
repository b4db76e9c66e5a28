/*
 * @@tag D_PRAGMA_OPTSET
 * @@line 8
 * @@message failed to set option 'turbo' to 'yes': Invalid option name
 * An unknown option given a value.
 */

#pragma D option turbo=yes

BEGIN
{
	trace(1);
}
