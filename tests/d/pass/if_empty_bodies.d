/*
 * if and else may have empty braced bodies.
 */

BEGIN
{
	if (pid) {
	} else {
	}
	exit(0);
}
