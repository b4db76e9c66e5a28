/*
 * @@tag D_SIZEOF_TYPE
 * @@line 10
 * @@message cannot apply sizeof to an operand of unknown size
 * A struct that is only declared has no size yet.
 */

BEGIN
{
	trace(sizeof (struct zz_never_defined));
}
