import type { Request } from 'express';

/** A single query parameter as a string; absent or repeated parameters count as absent. */
export function queryParam(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** CAS flags such as renew and gateway are "set" when present; only an explicit false unsets them. */
export function flagParam(req: Request, name: string): boolean {
  const value = queryParam(req, name);
  return value !== undefined && value.toLowerCase() !== 'false';
}
