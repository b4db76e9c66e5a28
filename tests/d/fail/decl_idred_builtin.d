/*
 * @@tag D_DECL_IDRED
 * @@line 8
 * @@message built-in identifier redeclared: pid
 * Built-in variables cannot be redeclared.
 */

int pid;
