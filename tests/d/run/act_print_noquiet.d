/*
 * Without -q, print()'s value follows the probe prefix with no space
 * before it (dtrace_print() writes the type name first), and the record
 * ends in a newline of its own.
 */

BEGIN
{
	print(10);
	exit(0);
}
