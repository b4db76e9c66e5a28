/*
 * @@tag D_ARR_BADREF
 * @@line 10
 * A typed scalar cannot be indexed by a tuple.
 */

BEGIN
{
	depth = 1;
	trace(depth[1, 2]);
}
