import type { z } from 'zod';
import { invalidRequest, type ProxyError } from './openai-error.js';

/** A zod failure → one 400 naming the first offending field as a path (`input[3].content`). */
export function formatValidationError(error: z.ZodError): ProxyError {
  const issue = deepestIssue(error.issues);
  const param = issue ? formatPath(issue.path) : null;
  const message = issue ? `Invalid request: ${param ? `'${param}' ` : ''}${issue.message}` : 'Invalid request body';
  return invalidRequest(message, param);
}

// Union failures nest the real reason; the longest path is the most specific one to report.
function deepestIssue(issues: z.core.$ZodIssue[]): z.core.$ZodIssue | undefined {
  let best: z.core.$ZodIssue | undefined;
  for (const issue of issues) {
    let candidate: z.core.$ZodIssue = issue;
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const nested = issue.errors
        .map((branch) => deepestIssue(branch))
        .filter((value): value is z.core.$ZodIssue => Boolean(value))
        .map((value) => ({ ...value, path: [...issue.path, ...value.path] }));
      candidate = nested.sort((a, b) => b.path.length - a.path.length)[0] ?? issue;
    }
    if (!best || candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let result = '';
  for (const key of path) {
    if (typeof key === 'number') result += `[${key}]`;
    else result += result ? `.${String(key)}` : String(key);
  }
  return result;
}
