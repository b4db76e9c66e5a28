/*
 * @@tag D_AGG_SCALAR
 * @@line 16
 * @@message quantize( ) argument #1 must be of scalar type
 * quantize of a struct value.
 */

struct pair {
	int a;
	int b;
};

BEGIN
{
	this->p = (struct pair *)alloca(sizeof (struct pair));
	@q = quantize(*this->p);
}
