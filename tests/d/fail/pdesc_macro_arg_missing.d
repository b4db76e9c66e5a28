/*
 * @@tag D_PDESC_INVAL
 * @@line 9
 * @@message invalid probe description "profile:::tick-$2": Undefined macro variable in probe description
 * @@args 1s
 * A macro argument in a probe description that was not given.
 */

profile:::tick-$2
{
	trace($1);
}
