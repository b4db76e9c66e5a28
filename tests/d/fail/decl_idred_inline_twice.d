/*
 * @@tag D_DECL_IDRED
 * @@line 8
 * An inline defined twice.
 */

inline int LIMIT = 10;
inline int LIMIT = 20;
