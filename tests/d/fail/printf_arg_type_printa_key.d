/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 15
 * @@message printa( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %s
 * @@message 	 prototype: char [] or string (or use stringof)
 * @@message 	  argument: int
 * printa() conversions print the aggregation's keys: %s cannot take an
 * integer key. The keys are numbered as arguments after the format (#2 on).
 */

BEGIN
{
	@calls[1] = count();
	printa("%s %@d\n", @calls);
}
