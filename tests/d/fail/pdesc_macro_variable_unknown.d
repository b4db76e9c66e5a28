/*
 * @@tag D_PDESC_INVAL
 * @@line 8
 * @@message invalid probe description "profile:::tick-$nosuch": Undefined macro variable in probe description
 * An unknown macro variable in a probe description.
 */

profile:::tick-$nosuch
{
	trace(1);
}
