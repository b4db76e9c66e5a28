/*
 * @@tag D_PRINTF_ARG_PROTO
 * @@line 10
 * @@message printf( ) prototype mismatch: conversion #1 (%s) is missing a corresponding value argument
 * A conversion with no arguments at all.
 */

BEGIN
{
	printf("%s\n");
}
