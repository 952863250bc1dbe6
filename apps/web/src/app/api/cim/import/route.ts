import { MAX_IMPORT_FILE_BYTES } from '@linli/cim/import/problems';
import type { ImportFileInput, ImportRole } from '@linli/cim/import/files';
import { errorResponse, importAccess } from './respond';
import { publicJob, startValidation } from './jobs';

export const dynamic = 'force-dynamic';

const ROLES: ImportRole[] = ['workbook', 'buildings', 'households', 'footprints', 'site'];
/** Whole request: at most two full-size files' worth; the per-file limit is checked again below. */
const MAX_REQUEST_BYTES = 2 * MAX_IMPORT_FILE_BYTES + 1024 * 1024;
const MB = (n: number) => (n / 1024 / 1024).toFixed(0);

/** POST /api/cim/import?tenant=<slug> (multipart: workbook | buildings | households | footprints | site). */
export async function POST(req: Request): Promise<Response> {
  const tenant = new URL(req.url).searchParams.get('tenant');
  const access = await importAccess(req, tenant, { checkOrigin: true });
  if (!access.ok) return access.response;
  // Size first, from the header, before a byte of the body is read.
  const length = Number(req.headers.get('content-length') ?? 'NaN');
  if (!Number.isFinite(length) || length > MAX_REQUEST_BYTES) {
    return errorResponse(
      'PAYLOAD_TOO_LARGE',
      `上传内容过大（${Number.isFinite(length) ? `${MB(length)} MB` : '大小未知'}），单个文件不超过 ${MB(MAX_IMPORT_FILE_BYTES)} MB；请拆分后分批导入`,
      `The upload is too large (${Number.isFinite(length) ? `${MB(length)} MB` : 'unknown size'}); each file may be at most ${MB(MAX_IMPORT_FILE_BYTES)} MB — split it and import in parts`,
    );
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return errorResponse('BAD_REQUEST', '上传内容无法读取（应为 multipart/form-data）', 'The upload could not be read (expected multipart/form-data)');
  }
  const files: ImportFileInput[] = [];
  for (const role of ROLES) {
    const f = form.get(role);
    if (f instanceof File && f.size > 0) {
      if (f.size > MAX_IMPORT_FILE_BYTES) {
        return errorResponse('PAYLOAD_TOO_LARGE', `文件“${f.name}”超过 ${MB(MAX_IMPORT_FILE_BYTES)} MB`, `File "${f.name}" is over ${MB(MAX_IMPORT_FILE_BYTES)} MB`);
      }
      files.push({ role, name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    }
  }
  if (files.length === 0) return errorResponse('BAD_REQUEST', '请至少选择一个文件', 'Choose at least one file');
  const job = startValidation({ userId: access.ctx.user!.id, tenantId: access.tenantId, actor: access.actor, files });
  return Response.json(publicJob(job), { status: 202 });
}
