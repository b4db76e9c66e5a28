/*
 * @@tag D_VAR_UNDEF
 * @@line 10
 * @@message self->started has not yet been declared or assigned
 * A thread-local read before any clause assigns it.
 */

tick-1sec
{
	trace(self->started);
}

tick-1sec
{
	self->started = timestamp;
}
