/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 11
 * printa() conversions print the aggregation's keys: %s cannot take an
 * integer key.
 */

BEGIN
{
	@calls[1] = count();
	printa("%s %@d\n", @calls);
}
