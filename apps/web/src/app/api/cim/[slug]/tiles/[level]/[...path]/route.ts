import { getCaller } from '@/server/caller';
import { errorResponse, levelOf } from '../../../respond';

/**
 * 3D Tiles 1.1 of the community scene: `tileset.json` and `content/<hash>.glb`, built by
 * @linli/cim once per registry version and kept in memory (see queries/cim/scene-cache.ts).
 * Same checks as the API (session, tenant, buildings.read). Content names are hashes of the
 * bytes, so the browser may keep them forever; tileset.json is asked for with ?v=<version>.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string; level: string; path: string[] }> }) {
  const { slug, level: rawLevel, path } = await params;
  const level = levelOf(rawLevel);
  if (level === null) return Response.json({ error: 'NOT_FOUND' }, { status: 404 });
  const file = path.join('/');
  try {
    const caller = await getCaller();
    if (file === 'tileset.json') {
      const { tileset } = await caller.cim.scene.tileset({ tenant: slug, level });
      return Response.json(tileset, { headers: { 'Cache-Control': 'private, max-age=300' } });
    }
    const bytes = await caller.cim.scene.tileContent({ tenant: slug, level, uri: file });
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'Content-Type': 'model/gltf-binary', 'Cache-Control': 'private, max-age=31536000, immutable' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
