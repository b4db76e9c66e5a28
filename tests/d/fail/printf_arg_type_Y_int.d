/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %Y
 * @@message 	 prototype: int64_t
 * @@message 	  argument: int
 * %Y takes an 8-byte integer (nanoseconds since the epoch).
 */

BEGIN
{
	printf("%Y\n", 1);
}
