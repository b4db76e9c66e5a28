/*
 * String literals with every C escape sequence.
 */

BEGIN
{
	printf("tab\there\nnewline\n");
	printf("backslash \\ quote \" apostrophe \'\n");
	printf("hex \x41 octal \101 bell \a bs \b ff \f cr \r vt \v\n");
	s = "nul\0hidden";
	printf("%s|\n", s);
}
