/**
 * FNV-1a 32-bit hash of a string. Used wherever an order must look arbitrary yet be
 * identical on every run and machine (splits, tie-breaks), so no Math.random.
 */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
