/** GLB container (glTF 2.0 binary): 12-byte header, JSON chunk, BIN chunk. */
const MAGIC = 0x46546c67; // "glTF"
const CHUNK_JSON = 0x4e4f534a;
const CHUNK_BIN = 0x004e4942;

export function encodeGlb(json: object, bin: Uint8Array): Uint8Array {
  const jsonBytes = new TextEncoder().encode(JSON.stringify(json));
  const jsonLen = pad4(jsonBytes.length);
  const binLen = pad4(bin.length);
  const total = 12 + 8 + jsonLen + (bin.length > 0 ? 8 + binLen : 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, 2, true);
  dv.setUint32(8, total, true);
  dv.setUint32(12, jsonLen, true);
  dv.setUint32(16, CHUNK_JSON, true);
  out.set(jsonBytes, 20);
  out.fill(0x20, 20 + jsonBytes.length, 20 + jsonLen);
  if (bin.length > 0) {
    const at = 20 + jsonLen;
    dv.setUint32(at, binLen, true);
    dv.setUint32(at + 4, CHUNK_BIN, true);
    out.set(bin, at + 8);
  }
  return out;
}

export function decodeGlb(glb: Uint8Array): { json: any; bin: Uint8Array } {
  const dv = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) throw new Error('not a glb');
  const jsonLen = dv.getUint32(12, true);
  const json = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLen)));
  const at = 20 + jsonLen;
  const bin = at < glb.length ? glb.subarray(at + 8, at + 8 + dv.getUint32(at, true)) : new Uint8Array(0);
  return { json, bin };
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Accumulates buffer views, each 8-byte aligned (EXT_structural_metadata requires it). */
export class BinWriter {
  private parts: Uint8Array[] = [];
  private length = 0;
  readonly bufferViews: Array<{ buffer: 0; byteOffset: number; byteLength: number; target?: number }> = [];

  add(data: ArrayBufferView, target?: number): number {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const offset = this.length;
    this.parts.push(bytes);
    const padded = (bytes.length + 7) & ~7;
    if (padded > bytes.length) this.parts.push(new Uint8Array(padded - bytes.length));
    this.length += padded;
    const view: (typeof this.bufferViews)[number] = { buffer: 0, byteOffset: offset, byteLength: bytes.length };
    if (target !== undefined) view.target = target;
    this.bufferViews.push(view);
    return this.bufferViews.length - 1;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
