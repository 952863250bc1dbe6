import { z } from 'zod';

export const pageInput = z.object({
  page: z.number().int().min(1).max(100000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
  search: z.string().trim().max(100).optional().transform((s) => (s ? s : undefined)),
});
