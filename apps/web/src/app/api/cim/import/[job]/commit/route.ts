import { errorResponse, importAccess } from '../../respond';
import { getJob, publicJob, startCommit } from '../../jobs';

export const dynamic = 'force-dynamic';

/** POST /api/cim/import/<job>/commit?tenant=<slug>: writes a validated import in one transaction. */
export async function POST(req: Request, { params }: { params: Promise<{ job: string }> }): Promise<Response> {
  const access = await importAccess(req, new URL(req.url).searchParams.get('tenant'), { checkOrigin: true });
  if (!access.ok) return access.response;
  const job = getJob((await params).job, access.ctx.user!.id);
  if (!job || job.tenantId !== access.tenantId) return errorResponse('NOT_FOUND', '导入任务不存在或已过期，请重新上传', 'The import job does not exist or has expired; upload again');
  if (job.stage !== 'ready') return errorResponse('BAD_REQUEST', '该导入尚未通过校验或已经提交', 'This import has not passed validation or was already committed');
  startCommit(job);
  return Response.json(publicJob(job), { status: 202 });
}
