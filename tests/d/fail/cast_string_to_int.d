/*
 * @@tag D_CAST_INVAL
 * @@line 10
 * @@message invalid cast expression: "string" to "int"
 * A string cannot be cast to an integer.
 */

BEGIN
{
	n = (int)execname;
}
