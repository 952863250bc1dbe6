import { errorResponse, importAccess } from '../respond';
import { getJob, publicJob } from '../jobs';

export const dynamic = 'force-dynamic';

/** GET /api/cim/import/<job>?tenant=<slug>: stage, progress and the validation report. */
export async function GET(req: Request, { params }: { params: Promise<{ job: string }> }): Promise<Response> {
  const access = await importAccess(req, new URL(req.url).searchParams.get('tenant'), { checkOrigin: false });
  if (!access.ok) return access.response;
  const job = getJob((await params).job, access.ctx.user!.id);
  if (!job) return errorResponse('NOT_FOUND', '导入任务不存在或已过期（30 分钟），请重新上传', 'The import job does not exist or has expired (30 minutes); upload again');
  return Response.json(publicJob(job), { headers: { 'cache-control': 'no-store' } });
}
