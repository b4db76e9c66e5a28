/*
 * @@tag D_OP_WRITE
 * @@line 10
 * @@message operator += can only be applied to a writable variable
 * A compound assignment to a probe argument.
 */

profile-97
{
	arg0 += 1;
}
