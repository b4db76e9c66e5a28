/*
 * @@tag D_CAST_INVAL
 * @@line 15
 * @@message invalid cast expression: "int" to "struct pair"
 * A scalar cannot be cast to a struct.
 */

struct pair {
	int a;
	int b;
};

BEGIN
{
	trace(((struct pair)5).a);
}
