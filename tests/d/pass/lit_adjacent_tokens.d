/*
 * Tokens need no spaces between them where C needs none.
 */

BEGIN{x=1;y=x+++2;z=x-- -1;printf("%d %d %d\n",x,y,z);exit(0);}
