/*
 * @@tag D_LQUANT_STEPLARGE
 * @@line 10
 * @@message lquantize( ) step (argument #3) too large: must have at least one quantization level
 * A step wider than the whole range leaves no level.
 */

profile-97
{
	@l = lquantize(arg0, 0, 10, 20);
}
