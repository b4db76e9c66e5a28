/*
 * @@tag D_INT_DIGIT
 * @@line 10
 * @@message constant 08 contains invalid digit 8
 * A leading zero makes the constant octal, where 8 is not a digit.
 */

BEGIN
{
	mode = 08;
}
