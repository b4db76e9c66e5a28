/*
 * @@tag D_PRAGMA_OPTSET
 * @@line 8
 * @@message failed to set option 'turbo': Invalid option name
 * An option name D does not know.
 */

#pragma D option turbo

BEGIN
{
	trace(1);
}
