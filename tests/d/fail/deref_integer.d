/*
 * @@tag D_DEREF_NONPTR
 * @@line 11
 * @@message cannot dereference non-pointer type
 * Dereferencing an integer.
 */

BEGIN
{
	x = 3;
	trace(*x);
}
