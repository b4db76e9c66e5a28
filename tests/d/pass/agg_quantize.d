/*
 * Power-of-two histograms with and without an increment.
 */

tick-10ms
{
	@lat["plain"] = quantize(rand() % 100000);
	@weighted["by ten"] = quantize(rand() % 100000, 10);
}
