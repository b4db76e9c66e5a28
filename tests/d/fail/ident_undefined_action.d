/*
 * @@tag D_IDENT_UNDEF
 * @@line 10
 * @@message failed to resolve nosuchvar: Unknown variable name
 * Reading a variable that nothing ever assigns.
 */

BEGIN
{
	trace(nosuchvar);
}
