import { getCaller } from '@/server/caller';
import { errorResponse } from '@/app/api/cim/[slug]/respond';

/**
 * The district's white models as one 3D Tiles 1.1 tileset (tileset.json, content/<hash>.glb),
 * built from every community's cached CIM2 model; same checks as the API (district.view).
 */
export async function GET(_req: Request, { params }: { params: Promise<{ code: string; path: string[] }> }) {
  const { code, path } = await params;
  const file = path.join('/');
  try {
    const caller = await getCaller();
    if (file === 'tileset.json') {
      const { tileset } = await caller.cim.scene.districtTileset({ district: code });
      return Response.json(tileset, { headers: { 'Cache-Control': 'private, max-age=300' } });
    }
    const bytes = await caller.cim.scene.districtTileContent({ district: code, uri: file });
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'Content-Type': 'model/gltf-binary', 'Cache-Control': 'private, max-age=31536000, immutable' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
