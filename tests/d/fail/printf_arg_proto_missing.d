/*
 * @@tag D_PRINTF_ARG_PROTO
 * @@line 10
 * @@message printf( ) prototype mismatch: conversion #2 (%d) is missing a corresponding value argument
 * More conversions than arguments.
 */

BEGIN
{
	printf("%d %d\n", pid);
}
