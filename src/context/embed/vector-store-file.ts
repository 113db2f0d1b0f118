import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { VectorStore } from './vector-store.js';

/**
 * One file per embedding model beside the index cache: `embeddings-<model slug>.bin`. Layout: a
 * 24-byte prefix (magic, version, dimensions, count, model-name bytes, key bytes), the model name, the
 * scales (float32), the vectors (int8), then the keys (content hash + line range) joined by newlines.
 * Vectors and hashes only: no text of the repository is ever written here.
 */
const MAGIC = 0x31454343; // "CCE1"
const VERSION = 1;
const PREFIX_BYTES = 24;
const LITTLE_ENDIAN = endianness() === 'LE';

export function vectorStorePath(cacheDir: string, model: string): string {
  const slug = model.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').slice(0, 60);
  const digest = createHash('sha1').update(model).digest('hex').slice(0, 8);
  return join(cacheDir, `embeddings-${slug}-${digest}.bin`);
}

const padTo4 = (length: number) => Math.ceil(length / 4) * 4;

/** Write then rename (a per-process temporary name): two processes racing each rename a whole file. */
export async function saveVectorStore(cacheDir: string, store: VectorStore): Promise<void> {
  if (!LITTLE_ENDIAN || store.dimensions === 0) return;
  // Entries come in slot order, so the slab and the scales are written as they are (no 35 MB copy at 10k files).
  const keys = [...store.entries()].map(([key]) => key);
  const scales = store.scales.subarray(0, store.size);
  const vectors = store.values.subarray(0, store.size * store.dimensions);
  const model = Buffer.from(store.model, 'utf8');
  const keyBytes = Buffer.from(keys.join('\n'), 'utf8');
  const prefix = Buffer.alloc(padTo4(PREFIX_BYTES + model.length));
  prefix.writeUInt32LE(MAGIC, 0);
  prefix.writeUInt32LE(VERSION, 4);
  prefix.writeUInt32LE(store.dimensions, 8);
  prefix.writeUInt32LE(store.size, 12);
  prefix.writeUInt32LE(model.length, 16);
  prefix.writeUInt32LE(keyBytes.length, 20);
  model.copy(prefix, PREFIX_BYTES);
  await mkdir(cacheDir, { recursive: true });
  const target = vectorStorePath(cacheDir, store.model);
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const bytesOf = (array: Float32Array | Int8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  await writeFile(temporary, [prefix, bytesOf(scales), bytesOf(vectors), keyBytes]);
  await rename(temporary, target);
}

/** The saved vectors of `model`, or an empty store when there are none (or they are unreadable). */
export async function loadVectorStore(cacheDir: string | undefined, model: string): Promise<VectorStore> {
  if (!cacheDir || !LITTLE_ENDIAN) return new VectorStore(model);
  try {
    const buffer = await readFile(vectorStorePath(cacheDir, model));
    if (buffer.length < PREFIX_BYTES || buffer.readUInt32LE(0) !== MAGIC || buffer.readUInt32LE(4) !== VERSION) return new VectorStore(model);
    const dimensions = buffer.readUInt32LE(8);
    const count = buffer.readUInt32LE(12);
    const modelBytes = buffer.readUInt32LE(16);
    const keyBytes = buffer.readUInt32LE(20);
    const scalesStart = padTo4(PREFIX_BYTES + modelBytes);
    const vectorsStart = scalesStart + count * 4;
    const keysStart = vectorsStart + count * dimensions;
    if (keysStart + keyBytes !== buffer.length) return new VectorStore(model);
    if (buffer.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + modelBytes) !== model) return new VectorStore(model);
    const keys = count === 0 ? [] : buffer.toString('utf8', keysStart, keysStart + keyBytes).split('\n');
    if (keys.length !== count) return new VectorStore(model);
    // One aligned copy of the scales (the file's buffer may start anywhere); vectors need no alignment.
    const scales = new Float32Array(count);
    Buffer.from(scales.buffer).set(buffer.subarray(scalesStart, vectorsStart));
    const values = new Int8Array(buffer.buffer, buffer.byteOffset + vectorsStart, count * dimensions);
    return VectorStore.fromSaved(model, dimensions, keys, values, scales);
  } catch {
    return new VectorStore(model);
  }
}
