/*
 * @@tag D_DEREF_NONPTR
 * @@line 12
 * @@message cannot dereference non-pointer type
 * Subscripting a typed integer global means *(x + i), which cannot be
 * dereferenced.
 */

BEGIN
{
	level = 1;
	trace(level[2]);
}
