/*
 * @@tag D_PRAGERR
 * @@line 9
 * @@message #error: this script is not finished 
 * #pragma error stops compilation with its text; every word is followed by a
 * space.
 */

#pragma error this script is not finished

BEGIN
{
	trace(1);
}
