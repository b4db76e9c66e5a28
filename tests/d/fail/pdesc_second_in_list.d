/*
 * @@tag D_PDESC_ZERO
 * @@line 9
 * @@message probe description zz_missing:::event does not match any probes
 * The failing description in a list is reported on its own line.
 */

BEGIN,
zz_missing:::event
{
	trace(1);
}
