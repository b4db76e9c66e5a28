/*
 * @@flags -q
 * if / else if / else chains.
 */

BEGIN
{
	x = 2;
	if (x == 1) {
	    printf("one\n");
	} else if (x == 2) {
	    printf("two\n");
	} else {
	    printf("other\n");
	}
	if (x > 5)
	    printf("big\n");
	else
	    printf("small\n");
	exit(0);
}
