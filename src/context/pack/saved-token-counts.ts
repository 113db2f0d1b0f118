import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Token counts packing measured before, saved beside the index cache, so a dry run in a repository
 * seen before can pack without loading the tokenizer (~130 ms of a ~400 ms budget). Keyed by a hash of
 * the exact text counted (a redacted line, an item header, the whole block), so a count is the same
 * exact count the tokenizer gave for that text — never an estimate — and an edited line is simply a new
 * key. Holds hashes and numbers only: no source text, no secrets. Bounded; the least recently used go.
 */
const FILE_NAME = 'token-counts-v1.json';
const MAX_ENTRIES = 20_000;

export class SavedTokenCounts {
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly counts: Map<string, number>,
  ) {}

  /** An empty set when there is no cache directory or no (readable) file yet. */
  static async load(cacheDir: string | undefined): Promise<SavedTokenCounts> {
    const file = cacheDir ? join(cacheDir, FILE_NAME) : undefined;
    const counts = new Map<string, number>();
    if (file) {
      try {
        const saved = JSON.parse(await readFile(file, 'utf8')) as unknown;
        if (saved && typeof saved === 'object' && !Array.isArray(saved)) {
          for (const [key, value] of Object.entries(saved)) if (Number.isInteger(value) && (value as number) >= 0) counts.set(key, value as number);
        }
      } catch {
        // Missing or damaged: counted again, and rewritten after the next pack.
      }
    }
    return new SavedTokenCounts(file, counts);
  }

  /** The saved count of exactly this text, if it was counted before. */
  get(text: string): number | undefined {
    const key = keyOf(text);
    const count = this.counts.get(key);
    if (count !== undefined) {
      // Re-insert: Map order is recency order, which is what eviction drops from.
      this.counts.delete(key);
      this.counts.set(key, count);
    }
    return count;
  }

  set(text: string, count: number): void {
    const key = keyOf(text);
    if (this.counts.get(key) === count) return;
    this.counts.delete(key);
    this.counts.set(key, count);
    this.changed = true;
  }

  /** Writes the file if anything new was counted (write then rename: racing processes each write a whole file). */
  async save(): Promise<void> {
    if (!this.file || !this.changed) return;
    const excess = this.counts.size - MAX_ENTRIES;
    if (excess > 0) {
      let dropped = 0;
      for (const key of this.counts.keys()) {
        if (dropped++ >= excess) break;
        this.counts.delete(key);
      }
    }
    const temporary = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFile(temporary, JSON.stringify(Object.fromEntries(this.counts)), { mode: 0o600 });
    await rename(temporary, this.file);
    this.changed = false;
  }
}

function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}
