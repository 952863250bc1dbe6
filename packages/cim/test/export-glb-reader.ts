import { decodeGlb } from '../src/export';
import type { Vec3 } from '../src/types';

/** Reads a glb back the way a viewer would: geometry per primitive and the property table. */
export function readGlb(glb: Uint8Array) {
  const { json, bin } = decodeGlb(glb);
  const view = (i: number) => {
    const bv = json.bufferViews[i];
    return { bytes: bin.subarray(bv.byteOffset, bv.byteOffset + bv.byteLength), bv };
  };
  const accessor = (i: number): Float32Array | Uint16Array | Uint32Array => {
    const a = json.accessors[i];
    const { bytes } = view(a.bufferView);
    const n = a.count * ({ SCALAR: 1, VEC3: 3 } as Record<string, number>)[a.type]!;
    const buf = bytes.slice().buffer;
    if (a.componentType === 5126) return new Float32Array(buf, 0, n);
    if (a.componentType === 5123) return new Uint16Array(buf, 0, n);
    return new Uint32Array(buf, 0, n);
  };
  const primitives = (json.meshes?.[0]?.primitives ?? []).map((p: any) => ({
    positions: accessor(p.attributes.POSITION),
    normals: accessor(p.attributes.NORMAL),
    ids: accessor(p.attributes._FEATURE_ID_0),
    indices: accessor(p.indices),
    featureIds: p.extensions.EXT_mesh_features.featureIds,
    material: json.materials[p.material],
  }));
  const meta = json.extensions?.EXT_structural_metadata;
  const table = meta?.propertyTables[0];
  const column = (name: string): Array<string | number> => {
    const prop = table.properties[name];
    const def = meta.schema.classes[table.class].properties[name];
    if (def.type === 'STRING') {
      const offsets = new Uint32Array(view(prop.stringOffsets).bytes.slice().buffer);
      const values = view(prop.values).bytes;
      return Array.from({ length: table.count }, (_, i) => new TextDecoder().decode(values.subarray(offsets[i]!, offsets[i + 1]!)));
    }
    const bytes = view(prop.values).bytes.slice().buffer;
    return Array.from(def.componentType === 'INT16' ? new Int16Array(bytes) : new Float32Array(bytes));
  };
  return { json, bin, primitives, meta, table, column };
}

/** glTF y-up back to the model's ENU. */
export const toEnu = (p: ArrayLike<number>, i: number): Vec3 => [p[i]!, -p[i + 2]!, p[i + 1]!];
