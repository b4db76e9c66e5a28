/*
 * @@tag D_AGG_NULL
 * @@line 15
 * @@message expression has null effect: @calls
 * Naming an aggregation without assigning it does nothing.
 */

BEGIN
{
	@calls = count();
}

END
{
	@calls;
}
