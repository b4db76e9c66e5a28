/*
 * @@tag D_PDESC_INVAL
 * @@line 8
 * @@message identifier 99999999999 exceeds maximum probe id
 * A numeric probe id beyond 32 bits.
 */

99999999999
{
	trace(1);
}
