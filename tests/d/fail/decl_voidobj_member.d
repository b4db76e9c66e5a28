/*
 * @@tag D_DECL_VOIDOBJ
 * @@line 10
 * @@message cannot have void member: payload
 * A struct member of type void.
 */

struct holder {
	int id;
	void payload;
};
