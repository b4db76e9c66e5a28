/*
 * @@tag D_AGG_NULL
 * @@line 10
 * @@message expression has null effect: @by
 * An aggregation element named alone does nothing.
 */

BEGIN
{
	@by[1];
}
