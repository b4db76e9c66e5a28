/*
 * @@flags -q
 * %S prints bytes outside ! to ~ as three-digit octal escapes; spaces stay.
 */

BEGIN
{
	printf("[%S]\n", "\001x y");
	exit(0);
}
