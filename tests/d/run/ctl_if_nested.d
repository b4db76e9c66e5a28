/*
 * @@flags -q
 * Nested if/else and else-if chains.
 */

BEGIN
{
	x = 2;
	y = 0;
	if (x == 1) {
		printf("x1\n");
	} else if (x == 2) {
		if (y) {
			printf("x2 y\n");
		} else {
			printf("x2 !y\n");
		}
	} else {
		printf("other\n");
	}
	exit(0);
}
