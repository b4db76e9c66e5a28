/*
 * @@tag D_CAST_INVAL
 * @@line 12
 * @@message invalid cast expression: "void" to "struct s"
 * An action used as a value is void, which cannot be cast to a struct.
 */

struct s { int a; };

BEGIN
{
	(struct s)trace(1);
}
