/*
 * @@flags -q
 * Thread-local associative arrays.
 */

BEGIN
{
	self->m["x"] = 4;
	self->m["y"] = self->m["x"] * 3;
	printf("%d %d %d\n", self->m["x"], self->m["y"], self->m["z"]);
	exit(0);
}
