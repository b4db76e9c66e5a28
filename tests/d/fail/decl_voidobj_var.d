/*
 * @@tag D_DECL_VOIDOBJ
 * @@line 8
 * @@message cannot have void object: nothing
 * A variable of type void.
 */

void nothing;
