/*
 * @@tag D_PRINTF_ARG_PROTO
 * @@line 12
 * @@message system( ) prototype mismatch: conversion #2 (%d) is missing a corresponding value argument
 * system() formats its command like printf.
 */

#pragma D option destructive

BEGIN
{
	system("kill -%d %d", 15);
}
