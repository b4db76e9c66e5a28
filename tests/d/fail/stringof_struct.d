/*
 * @@tag D_STRINGOF_TYPE
 * @@line 16
 * @@message cannot apply stringof to a value of type struct pair
 * stringof of a struct value.
 */

struct pair {
	int a;
	int b;
};

BEGIN
{
	this->p = (struct pair *)alloca(sizeof (struct pair));
	trace(stringof(*this->p));
}
