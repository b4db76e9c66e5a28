/*
 * @@tag D_INT_DIGIT
 * @@line 10
 * @@message constant 0129 contains invalid digit 9
 * The first invalid octal digit is named.
 */

BEGIN
{
	mode = 0129;
}
