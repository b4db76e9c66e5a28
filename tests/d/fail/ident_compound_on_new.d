/*
 * @@tag D_VAR_UNDEF
 * @@line 10
 * @@message bytes has not yet been declared or assigned
 * A compound assignment reads its target, so it cannot create a variable.
 */

tick-1sec
{
	bytes += 512;
}
