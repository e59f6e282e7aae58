/** zod at the HTTP edge: a bad body, query or param becomes a 422 with per-field details. */
import type { z } from 'zod';
import { AppError } from '../errors.js';

export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** Parses `input` with `schema` or throws `validation_failed` listing every issue by path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || where,
    code: issue.code,
    message: issue.message,
  }));
  throw new AppError('validation_failed', `Invalid ${where}: ${issues[0]?.path} ${issues[0]?.message}`, {
    issues,
  });
}
