/*
 * @@flags -q
 * %S prints C escapes and, like libdtrace's strchr2esc, the terminating NUL as \0.
 */

BEGIN
{
	printf("%S\n", "a\tb\nc\\d");
	exit(0);
}
