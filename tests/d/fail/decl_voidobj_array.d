/*
 * @@tag D_DECL_VOIDOBJ
 * @@line 8
 * @@message cannot declare array of void
 * An array of void.
 */

void slots[4];
