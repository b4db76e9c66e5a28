/*
 * @@flags -q
 * strtok() splits a string; a NULL first argument continues.
 */

BEGIN
{
	printf("%s ", strtok("a,b,,c", ","));
	printf("%s ", strtok(NULL, ","));
	printf("%s\n", strtok(NULL, ","));
	exit(0);
}
