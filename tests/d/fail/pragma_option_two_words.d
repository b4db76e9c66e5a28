/*
 * @@tag D_PRAGMA_MALFORM
 * @@line 8
 * @@message superfluous arguments specified for #pragma option
 * One option per #pragma D option line.
 */

#pragma D option quiet flowindent

BEGIN
{
	trace(1);
}
