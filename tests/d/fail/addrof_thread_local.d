/*
 * @@tag D_ADDROF_VAR
 * @@line 11
 * @@message cannot take address of dynamic variable
 * Thread-local variables have no address either.
 */

BEGIN
{
	self->depth = 1;
	trace(&self->depth);
}
