/*
 * @@tag D_FUNC_IDENT
 * @@line 10
 * @@message function designator is not of function type
 * Only names can be called.
 */

BEGIN
{
	x = (5)(3);
}
