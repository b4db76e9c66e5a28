/*
 * @@flags -q
 * @@status 8
 * exit() inside an if branch.
 */

BEGIN
{
	x = 3;
	if (x == 3)
		exit(8);
	else
		exit(9);
}
