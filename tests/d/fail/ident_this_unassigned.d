/*
 * @@tag D_VAR_UNDEF
 * @@line 10
 * @@message this->len has not yet been declared or assigned
 * A clause-local read before it is assigned in the clause.
 */

BEGIN
{
	trace(this->len);
	this->len = 4;
}
