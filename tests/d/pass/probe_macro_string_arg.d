/*
 * @@args 250ms
 * A $$ macro argument inside a probe description supplies the whole
 * interval.
 */

profile:::tick-$$1
{
	trace(probename);
	exit(0);
}
