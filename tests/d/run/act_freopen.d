/*
 * @@flags -q -w
 * freopen(FILE) sends later output to FILE; freopen("") brings it back.
 */

BEGIN
{
	printf("one\n");
	freopen("/dev/%s", "null");
	printf("hidden\n");
	freopen("");
	printf("two\n");
	exit(0);
}
