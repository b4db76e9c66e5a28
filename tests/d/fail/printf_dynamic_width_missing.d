/*
 * @@tag D_PRINTF_DYN_PROTO
 * @@line 10
 * @@message printf( ) prototype mismatch: conversion #1 (%d) is missing a corresponding "*" argument
 * A '*' width with no argument for it.
 */

BEGIN
{
	printf("%*d\n");
}
