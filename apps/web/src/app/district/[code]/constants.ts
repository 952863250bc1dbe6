/** Communities per page in the district table (shared by the server page and the client table). */
export const PAGE_SIZE = 10;
