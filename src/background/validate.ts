// Checks on imported settings before their shape is read, and readable zod errors. The
// shapes themselves are in src/shared/schemas.ts and src/shared/protocol.ts.

import { z } from 'zod';
import { MAX_IMPORT_SITES, RESERVED_KEYS } from '../shared/schemas';

export const MAX_IMPORT_BYTES = 1_000_000;

/**
 * Why `data` cannot be imported whatever its shape, if so: too big, not JSON, or carrying
 * a key that rewrites prototypes (zod drops a "__proto__" key silently, so look first).
 */
export function importProblem(data: unknown): string | undefined {
  let json: string | undefined;
  let hostile: string | undefined;
  try {
    json = JSON.stringify(data, (key, value: unknown) => {
      if (RESERVED_KEYS.has(key)) hostile ??= key;
      return value;
    });
  } catch {
    return 'it is not plain JSON data';
  }
  if (json === undefined) return 'it is empty';
  if (hostile) return `it contains the key "${hostile}"`;
  if (json.length > MAX_IMPORT_BYTES) return `the file is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB`;
  const sites = data && typeof data === 'object' ? (data as { sites?: unknown }).sites : undefined;
  if (sites && typeof sites === 'object' && Object.keys(sites).length > MAX_IMPORT_SITES) return `sites: at most ${MAX_IMPORT_SITES} sites`;
  return undefined;
}

/** One readable line naming where and what is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => {
      const where = i.path.length ? i.path.map((p) => String(p).slice(0, 60)).join('.') + ': ' : '';
      // A bad record key: say what a key must be, not just that it is invalid.
      const why = i.code === 'invalid_key' ? (i.issues[0]?.message ?? i.message) : i.message;
      return where + why;
    })
    .join('; ');
}
