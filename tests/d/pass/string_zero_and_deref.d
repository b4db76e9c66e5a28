/*
 * Strings compare with the constant 0 (the null string), `?:` mixes a
 * string with 0, `*s` is a string's first character, and printf's `%?`
 * flag pads to pointer width.
 */

BEGIN
{
	s = "/tmp";
	absolute = *s == '/';
	set = s != 0;
	t = absolute ? s : 0;
	printf("%d %d %s %?p %-?x|\n", absolute, set, t, 0, 15);
	exit(0);
}
