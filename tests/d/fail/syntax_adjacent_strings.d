/*
 * @@tag D_SYNTAX
 * @@line 11
 * @@message syntax error near ""world\n""
 * D does not concatenate adjacent string literals; the second literal is the
 * unexpected token.
 */

BEGIN
{
	printf("hello, " "world\n");
}
