/*
 * D lets a string act as a pointer for +, - and subscripts, as C does
 * with char arrays: s[i] is a char and s + i is a string.
 */

BEGIN
{
	s = "abc";
	c = s[1];
	trace(execname[0]);
	trace(execname + 1);
	trace("abc"[2]);
	trace(s - s);
}
