/*
 * basename, dirname and cleanpath on path strings.
 */

BEGIN
{
	this->p = "/usr/lib/../lib64/./libc.so.6";
	printf("%s\n%s\n%s\n", basename(this->p), dirname(this->p),
	    cleanpath(this->p));
}
