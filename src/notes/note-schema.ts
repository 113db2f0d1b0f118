import { z } from 'zod';

/** What every codex-ctx note's properties must hold; unknown extra properties (added by users) are fine. */
const dateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/, 'expected a date-time like 2026-11-25T14:30:12');
const count = z.number().int().nonnegative();
const wikilink = z.string().regex(/^\[\[[^\[\]|]+(?:\|[^\[\]]*)?\]\]$/, 'expected a quoted wikilink like "[[note name]]"');
const tagsIncluding = (tag: string) =>
  z.array(z.string()).refine((tags) => tags.includes(tag), `tags must include ${tag}`);

export const sessionNoteSchema = z.object({
  tags: tagsIncluding('codex-ctx/session'),
  aliases: z.array(z.string()),
  created: dateTime,
  session_id: z.string().min(1),
  model: z.string(),
  backend: z.string(),
  threads: z.array(z.string()).optional(),
  turns: count,
  tokens: count,
  duration_ms: count,
  rescued_calls: count.optional(),
});

export const turnNoteSchema = z.object({
  tags: tagsIncluding('codex-ctx/turn'),
  aliases: z.array(z.string()),
  created: dateTime,
  session: wikilink,
  model: z.string(),
  backend: z.string(),
  thread: z.string().optional(),
  turn_id: z.string().optional(),
  requests: z.number().int().positive(),
  // `interrupted`: the client left mid-answer (Esc, Ctrl+C); the note keeps the partial answer.
  status: z.enum(['completed', 'incomplete', 'failed', 'interrupted']),
  tokens: count,
  context_tokens: count.optional(),
  duration_ms: count,
  rescued_calls: count.optional(),
});

export type SessionNoteProperties = z.infer<typeof sessionNoteSchema>;
export type TurnNoteProperties = z.infer<typeof turnNoteSchema>;

/** Obsidian's built-in callout types and aliases; anything else is most likely a typo in our notes. */
export const CALLOUT_TYPES = new Set([
  'note', 'abstract', 'summary', 'tldr', 'info', 'todo', 'tip', 'hint', 'important', 'success', 'check', 'done',
  'question', 'help', 'faq', 'warning', 'caution', 'attention', 'failure', 'fail', 'missing', 'danger', 'error',
  'bug', 'example', 'quote', 'cite',
]);
