import { CIM_EXPORT_FORMATS, type CimExportFormat } from '@linli/db';
import { getCaller } from '@/server/caller';
import { errorResponse, levelOf } from '../../respond';

/**
 * CIM data exports as downloads (R6.2.1, R4.4): cityjson, buildings-geojson, facilities-geojson,
 * devices-geojson, 3dtiles-zip (?level=2..4). Each one is audited as a data export.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string; format: string }> }) {
  const { slug, format } = await params;
  if (!(CIM_EXPORT_FORMATS as readonly string[]).includes(format)) {
    return Response.json({ error: 'NOT_FOUND', message: '不支持的导出格式 / Unknown export format' }, { status: 404 });
  }
  const rawLevel = new URL(req.url).searchParams.get('level');
  const level = rawLevel === null ? undefined : (levelOf(rawLevel) ?? undefined);
  try {
    const out = await (await getCaller()).cim.scene.export({ tenant: slug, format: format as CimExportFormat, level });
    return new Response(out.body as Uint8Array<ArrayBuffer>, {
      headers: {
        'Content-Type': out.contentType,
        'Content-Disposition': `attachment; filename="${out.filename}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
