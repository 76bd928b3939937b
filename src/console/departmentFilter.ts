import type { Request } from 'express';
import type { Store } from '../data/store.ts';

/** The 学院 asked for in ?department=, if it is one on the roster ('' for all), and the roster's 学院 for the select. */
export function departmentFilter(req: Request, store: Store): { department: string; departments: string[] } {
  const departments = store.roster.departments();
  const asked = typeof req.query.department === 'string' ? req.query.department : '';
  return { department: departments.includes(asked) ? asked : '', departments };
}
