/*
 * Nested if statements inside braces and a dangling else.
 */

tick-1sec
{
	n++;
	if (n % 2 == 0) {
		if (n % 3 == 0)
			printf("%d divisible by 6\n", n);
		else
			printf("%d even only\n", n);
	}
	if (n > 3)
		if (n > 8)
			exit(0);
		else
			printf("waiting\n");
}
