/*
 * @@tag D_FUNC_IDENT
 * @@line 10
 * @@message function designator is not of function type
 * A string constant cannot be called.
 */

BEGIN
{
	"trace"(1);
}
