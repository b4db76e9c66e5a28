/*
 * stringof converts scalars and pointers to the string type.
 */

tick-1sec
{
	this->s = stringof(arg0);
	this->t = stringof((char *)alloca(4));
	trace(strlen(stringof(execname)));
}
