/*
 * @@tag D_VAR_UNDEF
 * @@line 10
 * @@message n has not yet been declared or assigned
 * A new global cannot be read on the right of its own first assignment.
 */

tick-1sec
{
	n = n + 1;
}
