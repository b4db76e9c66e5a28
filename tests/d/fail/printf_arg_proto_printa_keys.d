/*
 * @@tag D_PRINTF_ARG_PROTO
 * @@line 11
 * @@message printa( ) prototype mismatch: conversion #2 (%d) is missing a corresponding value argument
 * A printa() format cannot print more keys than the aggregation has.
 */

BEGIN
{
	@calls[1] = count();
	printa("%d %d %@d\n", @calls);
}
