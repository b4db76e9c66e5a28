/*
 * @@tag D_FUNC_IDKIND
 * @@line 12
 * @@message scalar 'hits' may not be referenced as a function
 * A declared global called like a function.
 */

int hits;

BEGIN
{
	hits(1);
}
