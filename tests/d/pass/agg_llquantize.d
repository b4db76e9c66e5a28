/*
 * Log-linear histograms with and without an increment.
 */

tick-10ms
{
	@ll = llquantize(rand() % 10000000, 10, 0, 6, 20);
	@ll2 = llquantize(rand() % 1024, 2, 0, 10, 4, 3);
}
