/*
 * @@flags -q
 * if/else picks one branch.
 */

BEGIN
{
	x = 7;
	if (x > 5) {
		printf("big\n");
	} else {
		printf("small\n");
	}
	if (x > 10) {
		printf("huge\n");
	} else {
		printf("not huge\n");
	}
	exit(0);
}
