import 'server-only';
import { randomBytes } from 'node:crypto';
import { AppError, commitRegistryImport, previewRegistryImport, RegistryImportRejected, syncPlaces, withScope, type AuditActor, type ImportProgress, type RegistryImportResult } from '@linli/db';
import { parseImportFiles, type ImportFileInput } from '@linli/cim/import/files';
import type { ImportPlan, ImportProblem, ParsedImport } from '@linli/cim/import/index';
import { getServices } from '@/server/services';

/**
 * Registry import jobs of this web process: upload → parse + validate (in the background, the
 * page polls) → the user reviews the report → commit (one transaction, progress per stage).
 * Kept in memory for 30 minutes; a job is visible only to the user who uploaded it.
 */
export type JobStage = 'validating' | 'ready' | 'rejected' | 'committing' | 'done' | 'failed';

interface Job {
  id: string;
  userId: string;
  tenantId: string;
  actor: AuditActor;
  files: { name: string; size: number }[];
  stage: JobStage;
  progress: ImportProgress | null;
  parsed: ParsedImport | null;
  plan: Pick<ImportPlan, 'ok' | 'counts'> | null;
  problems: ImportProblem[];
  result: RegistryImportResult | null;
  error: { zh: string; en: string } | null;
  createdAt: number;
}

const TTL_MS = 30 * 60 * 1000;
const store = ((globalThis as { linliImportJobs?: Map<string, Job> }).linliImportJobs ??= new Map<string, Job>());

function sweep(): void {
  const now = Date.now();
  for (const [id, j] of store) if (now - j.createdAt > TTL_MS) store.delete(id);
}

const failure = (e: unknown): { zh: string; en: string } =>
  e instanceof AppError ? e.messages : { zh: '导入时发生内部错误，未写入任何内容', en: 'An internal error stopped the import; nothing was written' };

export function startValidation(params: { userId: string; tenantId: string; actor: AuditActor; files: ImportFileInput[] }): Job {
  sweep();
  const job: Job = {
    id: randomBytes(12).toString('hex'),
    userId: params.userId,
    tenantId: params.tenantId,
    actor: params.actor,
    files: params.files.map((f) => ({ name: f.name, size: f.bytes.byteLength })),
    stage: 'validating',
    progress: { stage: 'parse', done: 0, total: params.files.length },
    parsed: null,
    plan: null,
    problems: [],
    result: null,
    error: null,
    createdAt: Date.now(),
  };
  store.set(job.id, job);
  // Off the request: large workbooks take seconds to parse; the page polls the job meanwhile.
  setImmediate(async () => {
    try {
      const parsed = await parseImportFiles(params.files, (done, total) => (job.progress = { stage: 'parse', done, total }));
      job.progress = { stage: 'validate', done: 0, total: 1 };
      const plan = await withScope(getServices().db, { tenantIds: [job.tenantId], userId: job.userId }, (tx) => previewRegistryImport(tx, job.tenantId, parsed));
      job.parsed = parsed;
      job.plan = { ok: plan.ok, counts: plan.counts };
      job.problems = plan.problems;
      job.stage = plan.ok ? 'ready' : 'rejected';
      job.progress = { stage: 'validate', done: 1, total: 1 };
    } catch (e) {
      console.error('registry import validation:', e);
      job.stage = 'failed';
      job.error = failure(e);
    }
  });
  return job;
}

export function getJob(id: string, userId: string): Job | null {
  const job = store.get(id);
  return job && job.userId === userId ? job : null;
}

export function startCommit(job: Job): void {
  if (job.stage !== 'ready' || job.parsed === null) return;
  job.stage = 'committing';
  const parsed = job.parsed;
  setImmediate(async () => {
    try {
      job.result = await withScope(getServices().db, { tenantIds: [job.tenantId], userId: job.userId }, async (tx) => {
        const result = await commitRegistryImport(tx, job.actor, { tenantId: job.tenantId, parsed, files: job.files.map((f) => f.name), onProgress: (p) => (job.progress = p) });
        // The tablets pick hazard and visit locations from the registry: same commit, fresh pickers.
        await syncPlaces(tx, { tenantId: job.tenantId, actor: job.actor });
        return result;
      });
      job.stage = 'done';
      job.parsed = null;
    } catch (e) {
      if (e instanceof RegistryImportRejected) {
        // The data changed between validation and commit (another import): show the new report.
        job.problems = e.problems;
        job.stage = 'rejected';
      } else {
        console.error('registry import commit:', e);
        job.stage = 'failed';
      }
      job.error = failure(e);
    }
  });
}

/** What the page sees: never the parsed rows, at most 2,000 problems (with the totals). */
export function publicJob(job: Job) {
  const errors = job.problems.filter((p) => p.severity === 'error').length;
  return {
    id: job.id,
    stage: job.stage,
    progress: job.progress,
    files: job.files,
    counts: job.plan?.counts ?? null,
    errors,
    warnings: job.problems.length - errors,
    problems: job.problems.slice(0, 2000),
    result: job.result,
    error: job.error,
  };
}
export type PublicJob = ReturnType<typeof publicJob>;
