/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 14
 * @@message printa( ) aggregating action is incompatible with conversion #1 prototype:
 * @@message 	conversion: %s
 * @@message 	 prototype: char [] or string (or use stringof)
 * @@message 	  argument: int64_t
 * An aggregation's value is an integer, never a string.
 */

BEGIN
{
	@m = max(1);
	printa("%@s\n", @m);
}
