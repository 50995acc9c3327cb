import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError } from '../../core/sync.ts';
import type { z } from '../../core/z.ts';

type Issue = NonNullable<ApiError['issues']>[number];

/**
 * A request that cannot be served as asked, with the status and the words to tell the client.
 * Thrown anywhere below a route; the app's error handler turns it into an ApiError body (and a
 * thrown problem inside a transaction rolls it back, so nothing is written).
 */
export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  body(): ApiError {
    return this.issues ? { error: this.message, issues: this.issues } : { error: this.message };
  }
}

/** zod issues as paths and messages; an unknown key becomes an issue at that key's own path. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'unknown field' }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

/** 400 naming every problem; the first one also goes in `error` for clients that show only that. */
export function validationProblem(what: string, issues: readonly z.core.$ZodIssue[]): Problem {
  const described = describeIssues(issues);
  const first = described[0];
  const where = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'invalid';
  const more = described.length > 1 ? ` (and ${described.length - 1} more)` : '';
  return new Problem(400, `invalid ${what}: ${where}${more}`, described);
}
