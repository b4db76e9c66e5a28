/*
 * @@tag D_REGS_IDX
 * @@line 10
 * @@message index -1 is out of range for array uregs
 * A register index cannot be negative.
 */

profile-97
{
	trace(uregs[-1]);
}
