/*
 * @@tag D_OP_INCOMPAT
 * @@line 15
 * @@message operands have incompatible types: "string" = "int"
 * A thread-local string assigned an integer in a later clause.
 */

tick-1sec
{
	self->who = execname;
}

tick-5sec
{
	self->who = 42;
}
