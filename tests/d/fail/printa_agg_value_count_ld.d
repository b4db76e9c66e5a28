/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 14
 * @@message printa( ) aggregating action is incompatible with conversion #1 prototype:
 * @@message 	conversion: %ld
 * @@message 	 prototype: long
 * @@message 	  argument: uint64_t
 * A count() is a uint64_t: %@ld (signed long) refuses it, %@lu takes it.
 */

BEGIN
{
	@c = count();
	printa("%@ld\n", @c);
}
