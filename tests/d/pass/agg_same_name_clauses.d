/*
 * One aggregation updated from several clauses with the same function and
 * key types.
 */

tick-10ms
{
	@events["fast"] = count();
}

tick-100ms
{
	@events["slow"] = count();
}

tick-1sec
{
	printa("%-6s %@8u\n", @events);
}
