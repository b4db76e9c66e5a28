/*
 * @@tag D_PDESC_ZERO
 * @@line 8
 * @@message probe description zz_no_such_provider:::start does not match any probes
 * A provider that does not exist.
 */

zz_no_such_provider:::start
{
	trace(1);
}
