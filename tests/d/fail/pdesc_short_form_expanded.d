/*
 * @@tag D_PDESC_ZERO
 * @@line 8
 * @@message probe description ::nosuchfunc:nosuchprobe does not match any probes
 * A func:name short form is reported fully expanded.
 */

nosuchfunc:nosuchprobe
{
	trace(1);
}
