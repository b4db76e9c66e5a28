/*
 * normalize and denormalize around printa.
 */

tick-10ms
{
	@persec[probename] = count();
	@bytes[probename] = sum(1024);
}

tick-1sec
{
	normalize(@persec, 1);
	normalize(@bytes, 1024 * 1024);
	printa(@persec);
	denormalize(@bytes);
	printa(@bytes);
}
