/*
 * An if statement with a braced body.
 */

tick-1sec
{
	n++;
	if (n > 5) {
		printf("done\n");
		exit(0);
	}
}
