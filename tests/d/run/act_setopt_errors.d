/*
 * @@flags -q
 * setopt() failures are reported against the enabled probe, each followed
 * by a blank line (libdtrace's message already ends in a newline); tracing
 * goes on.
 */

BEGIN
{
	setopt("bogus");
	setopt("bufsize", "1m");
	setopt("aggsortrev", "maybe");
	printf("done\n");
	exit(0);
}
