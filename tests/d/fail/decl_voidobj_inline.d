/*
 * @@tag D_DECL_VOIDOBJ
 * @@line 8
 * @@message cannot declare void inline: NOTHING
 * An inline of type void.
 */

inline void NOTHING = 0;
