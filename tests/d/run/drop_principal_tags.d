/*
 * @@flags -q -x droptags -x bufsize=32
 * A record larger than the principal buffer is dropped and counted per
 * CPU (its clause does not run, as when DTrace cannot reserve space); with
 * droptags the message carries DTRACEDROP_PRINCIPAL.
 */

BEGIN
{
	printf("%s\n", "this record does not fit in thirty-two bytes");
}

BEGIN
{
	exit(0);
}
