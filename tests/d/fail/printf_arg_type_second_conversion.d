/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #3 is incompatible with conversion #2 prototype:
 * @@message 	conversion: %ld
 * @@message 	 prototype: long
 * @@message 	  argument: unsigned long
 * Arguments are numbered with the format as #1; conversions from 1.
 */

BEGIN
{
	printf("%d %ld\n", 1, (unsigned long)2);
}
