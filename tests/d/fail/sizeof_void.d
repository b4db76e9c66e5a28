/*
 * @@tag D_SIZEOF_TYPE
 * @@line 10
 * @@message cannot apply sizeof to an operand of unknown size
 * void has no size.
 */

BEGIN
{
	trace(sizeof (void));
}
