/*
 * @@tag D_SYNTAX
 * @@line 11
 * @@message syntax error near "while"
 * D has no loops; while is a reserved word.
 */

BEGIN
{
	i = 0;
	while (i < 10) {
		i++;
	}
}
