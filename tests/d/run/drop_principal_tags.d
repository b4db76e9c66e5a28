/*
 * @@flags -q -x droptags -x bufsize=16
 * A record larger than the principal buffer is dropped and counted per
 * CPU; with droptags the message carries DTRACEDROP_PRINCIPAL.
 */

BEGIN
{
	printf("%s\n", "this record does not fit in sixteen bytes");
	exit(0);
}
