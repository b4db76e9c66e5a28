/*
 * @@tag D_ARR_LOCAL
 * @@line 10
 * @@message local variables may not be used as associative arrays: seen
 * Clause-local variables cannot become associative arrays.
 */

BEGIN
{
	this->seen[pid] = 1;
}
