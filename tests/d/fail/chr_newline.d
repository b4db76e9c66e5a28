/*
 * @@tag D_CHR_NL
 * @@line 10
 * @@message newline encountered in character constant
 * A character constant may not contain a raw newline.
 */

BEGIN
{
	c = 'a;
}
