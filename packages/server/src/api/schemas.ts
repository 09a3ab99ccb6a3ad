import { z } from 'zod';

/** Shared request pieces. Ids are UUIDs: anything else (traversal, SQL, junk) is a 400. */
export const idParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });
export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'must be an email address' }));
export const password = z.string().min(8, 'must be at least 8 characters').max(256);
export const displayName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');
export const platformRole = z.enum(['admin', 'analyst', 'viewer']);
export const projectRole = z.enum(['owner', 'editor', 'viewer']);
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: platformRole,
  orgId: z.string(),
  orgName: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastLoginAt: z.string().nullable(),
});

export const sessionSchema = z.object({
  user: userSchema,
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number(),
});
