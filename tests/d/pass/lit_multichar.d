/*
 * Multi-character constants pack their bytes into an integer.
 */

BEGIN
{
	printf("%x %x\n", 'ab', 'abcd');
	printf("%x\n", 'abcdefgh');
}
