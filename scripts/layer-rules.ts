/**
 * The layering of src/, bottom to top (docs/architecture/decisions.md says why). A folder may import
 * only the folders listed for it; everything else is an upward or sideways import.
 */
export const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  log: [],
  tokens: ['log'],
  wire: [],
  responses: ['wire', 'tokens', 'log'],
  context: ['wire', 'tokens', 'log'],
  notes: ['wire', 'tokens', 'log'],
  backends: ['responses', 'wire', 'tokens', 'log'],
  proxy: ['backends', 'responses', 'wire', 'context', 'notes', 'tokens', 'log'],
  cli: ['proxy', 'backends', 'responses', 'wire', 'context', 'notes', 'tokens', 'log'],
};

/** Folders whose subfolders must not import each other: one backend never reaches into another. */
export const ISOLATED_SUBFOLDERS: readonly string[] = ['backends'];
