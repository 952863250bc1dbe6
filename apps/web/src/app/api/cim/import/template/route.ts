import { buildingsTemplateCsv, footprintsTemplate, householdsTemplateCsv, siteTemplate } from '@linli/cim/import/index';
import { templateWorkbook } from '@linli/cim/import/xlsx';
import { errorResponse, importAccess } from '../respond';

export const dynamic = 'force-dynamic';

const FILES: Record<string, { name: string; type: string; body: () => Promise<Uint8Array | string> }> = {
  xlsx: { name: 'registry-template.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: templateWorkbook },
  buildings: { name: 'buildings.csv', type: 'text/csv; charset=utf-8', body: async () => buildingsTemplateCsv() },
  households: { name: 'households.csv', type: 'text/csv; charset=utf-8', body: async () => householdsTemplateCsv() },
  footprints: { name: 'footprints.geojson', type: 'application/geo+json', body: async () => footprintsTemplate() },
  site: { name: 'site.geojson', type: 'application/geo+json', body: async () => siteTemplate() },
};

/** GET /api/cim/import/template?tenant=<slug>&file=xlsx|buildings|households|footprints|site */
export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const access = await importAccess(req, url.searchParams.get('tenant'), { checkOrigin: false });
  if (!access.ok) return access.response;
  const f = FILES[url.searchParams.get('file') ?? 'xlsx'];
  if (!f) return errorResponse('NOT_FOUND', '没有这个模板', 'No such template');
  const body = await f.body();
  return new Response(body as BodyInit, { headers: { 'content-type': f.type, 'content-disposition': `attachment; filename="${f.name}"`, 'cache-control': 'no-store' } });
}
