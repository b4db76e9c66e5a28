/*
 * An extern array may leave its size to the definition it refers to.
 */

extern int a1[];

BEGIN
{
	exit(0);
}
