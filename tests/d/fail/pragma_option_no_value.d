/*
 * @@tag D_PRAGMA_MALFORM
 * @@line 8
 * @@message malformed #pragma option <option>=<val>
 * #pragma D option with nothing after it.
 */

#pragma D option

BEGIN
{
	trace(1);
}
