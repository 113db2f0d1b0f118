/**
 * What the context engine needs to turn text into vectors: the model on the user's own backend, reached
 * through whatever the CLI wires in (src/context never imports src/backends; see decisions.md).
 * `embed` returns one vector per text, in order.
 */
export interface TextEmbedder {
  /** The embedding model's name, as the backend knows it (it names the store file too). */
  readonly model: string;
  embed(texts: readonly string[], signal: AbortSignal): Promise<number[][]>;
}

/**
 * A failure the embedder has classified. `permanent`: the model is missing or cannot embed (asking again
 * will not help: the source turns off for the session). `rejectedInput`: the server refused these texts
 * (too long for the model), not the model: they are skipped. Anything else is transient, retried later.
 */
export class TextEmbedderError extends Error {
  readonly permanent: boolean;
  readonly rejectedInput: boolean;

  constructor(message: string, options: { permanent: boolean; rejectedInput?: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'TextEmbedderError';
    this.permanent = options.permanent;
    this.rejectedInput = options.rejectedInput ?? false;
  }
}

export const isPermanentEmbedFailure = (error: unknown): boolean => error instanceof TextEmbedderError && error.permanent;
