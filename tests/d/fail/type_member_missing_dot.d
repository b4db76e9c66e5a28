/*
 * @@tag D_TYPE_MEMBER
 * @@line 17
 * @@message z is not a member of struct point
 * A member name the struct does not have.
 */

struct point {
	int x;
	int y;
};

struct point pts[int];

BEGIN
{
	trace(pts[0].z);
}
