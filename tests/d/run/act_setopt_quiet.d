/*
 * setopt("quiet") takes effect inside the record that calls it: the probe
 * line was already printed, the record's closing newline is not; the next
 * clause prints no probe line until setopt("quiet", "no").
 */

BEGIN
{
	setopt("quiet");
	printf("a");
}

BEGIN
{
	printf("b\n");
	setopt("quiet", "no");
}

BEGIN
{
	printf("c\n");
	exit(0);
}
