/*
 * @@tag D_CHR_OFLOW
 * @@line 11
 * @@message character constant is too long
 * A character constant longer than eight bytes does not fit a 64-bit
 * integer.
 */

BEGIN
{
	c = 'abcdefghi';
}
