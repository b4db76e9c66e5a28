/*
 * @@flags -q
 * strtok() skips leading delimiters and accepts a set of delimiters.
 */

BEGIN
{
	printf("[%s]", strtok("  hello world", " "));
	printf("[%s]\n", strtok(NULL, " "));
	printf("[%s]", strtok("a:b;c", ":;"));
	printf("[%s]", strtok(NULL, ":;"));
	printf("[%s]\n", strtok(NULL, ":;"));
	exit(0);
}
