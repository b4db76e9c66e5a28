/*
 * @@tag D_STR_NL
 * @@line 10
 * @@message newline encountered in string literal
 * A string literal may not contain a raw newline.
 */

BEGIN
{
	printf("first line
second line\n");
}
