/*
 * @@flags -xquiet
 * -xquiet with the value attached.
 */

BEGIN
{
	printf("hi\n");
	exit(0);
}
