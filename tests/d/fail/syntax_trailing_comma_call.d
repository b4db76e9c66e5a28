/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near ")"
 * A trailing comma in an argument list.
 */

BEGIN
{
	printf("%d\n", pid,);
}
