/*
 * An inline associative array with a named tuple parameter.
 */

inline string colour[int c] =
    c == 0 ? "red" :
    c == 1 ? "green" :
    "blue";

BEGIN
{
	n = 0;
}

tick-1sec
{
	n = (n + 1) % 3;
	printf("%s\n", colour[n]);
}
