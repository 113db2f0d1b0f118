/**
 * An embedding as OpenAI's `encoding_format: "base64"`: little-endian float32 bytes, which the official
 * SDKs decode with a Float32Array view (and ask for by default, being a quarter of the JSON size).
 */
export function encodeFloat32Base64(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  for (let index = 0; index < vector.length; index++) bytes.writeFloatLE(vector[index]!, index * 4);
  return bytes.toString('base64');
}
