/*
 * Global scalar arrays, including a two-dimensional one, indexed like C
 * arrays.
 */

int hist[10];
char tag[16];
uint32_t grid[4][8];

BEGIN
{
	hist[0] = 1;
	hist[9] = 2;
	grid[3][7] = 5;
	printf("%d %d %d\n", hist[0], hist[9], grid[3][7]);
	printf("%d %d\n", sizeof (hist), sizeof (grid));
}
