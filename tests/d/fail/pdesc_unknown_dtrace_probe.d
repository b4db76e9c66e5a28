/*
 * @@tag D_PDESC_ZERO
 * @@line 8
 * @@message probe description dtrace:::START does not match any probes
 * The dtrace provider has only BEGIN, END and ERROR.
 */

dtrace:::START
{
	trace(1);
}
