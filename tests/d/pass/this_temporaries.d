/*
 * Clause-local variables as temporaries within one clause.
 */

profile-97
{
	this->user = arg1 != 0;
	this->where = this->user ? "user" : "kernel";
	this->when = timestamp / 1000000;
	@[this->where] = count();
	@ms = max(this->when);
}
