'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { checkpointForQr, evaluateRun, flagRun, type PatrolRouteDoc, type PatrolRunDoc, type Scan } from '@linli/sync';
import { EmptyState } from '@/components/ui';
import { plain, useField, useRecent, useRx } from './context';
import s from './field.module.css';

type Go = (path: string) => void;

const fmt = (ms: number, locale: string) => new Date(ms).toLocaleString(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Patrols (R5.3.8): pick a route, start a run, scan the checkpoints; late and missed points show. */
export function PatrolsView({ path, go }: { path: string[]; go: Go }) {
  if (path[0] === 'run' && path[1]) return <RunView runId={path[1]} go={go} />;
  return <PatrolHome go={go} />;
}

function PatrolHome({ go }: { go: Go }) {
  const t = useTranslations('field.patrols');
  const locale = useLocale();
  const { user, engine } = useField();
  const routes = plain(useRx((db) => db.patrol_routes.find({ selector: { active: true } }).$, [], [])) as PatrolRouteDoc[];
  const [limit, setLimit] = useState(20);
  const runs = useRecent<PatrolRunDoc>((db) => db.patrol_runs as never, { workerId: user.id }, limit);
  const total = useRx((db) => db.patrol_runs.count().$, [], 0);
  const routeName = new Map(routes.map((r) => [r.id, r.name]));

  async function start(route: PatrolRouteDoc) {
    const run: PatrolRunDoc = { id: crypto.randomUUID(), tenantId: route.tenantId, updatedAt: 0, routeId: route.id, workerId: user.id, startedAt: Date.now(), status: 'in_progress', scans: [], missedCheckpointIds: [], ...(route.areaId ? { areaId: route.areaId } : {}) };
    await engine.insert('patrol_runs', run);
    go(`run/${run.id}`);
  }

  return (
    <>
      <h2>{t('routes')}</h2>
      {routes.length === 0 ? (
        <EmptyState title={t('noRoutes')} hint={t('noRoutesHint')} />
      ) : (
        <div className={s.list}>
          {routes.map((r) => (
            <div key={r.id} className={s.item}>
              <div className={s.itemHead}>
                <span className={s.itemTitle}>{r.name}</span>
                <button type="button" className={`btn ${s.big}`} onClick={() => void start(r)} data-testid="start-run">
                  {t('start')}
                </button>
              </div>
              <div className={s.meta}>{t('points', { count: r.checkpoints.length })}</div>
            </div>
          ))}
        </div>
      )}
      <h2 style={{ marginTop: 20 }}>{t('myRuns')}</h2>
      <p className={s.meta}>{t('stored', { count: total })}</p>
      {runs.length === 0 ? (
        <EmptyState title={t('noRuns')} hint={t('noRunsHint')} />
      ) : (
        <div className={s.list}>
          {runs.map((r) => (
            <button key={r.id} type="button" className={s.item} onClick={() => go(`run/${r.id}`)}>
              <div className={s.itemHead}>
                <span className={s.itemTitle}>{routeName.get(r.routeId) ?? t('unknownRoute')}</span>
                <span className={`${s.badge} ${r.status === 'in_progress' ? s.badgeWarn : r.missedCheckpointIds.length ? s.badgeBad : s.badgeOk}`}>{t(`status.${r.status}`)}</span>
              </div>
              <div className={s.meta}>
                {fmt(r.startedAt, locale)} · {t('scanned', { count: r.scans.length })}
                {r.missedCheckpointIds.length > 0 && ` · ${t('missedCount', { count: r.missedCheckpointIds.length })}`}
              </div>
            </button>
          ))}
          {runs.length === limit && (
            <button type="button" className="btn btn-ghost" onClick={() => setLimit(limit + 20)}>
              {t('more')}
            </button>
          )}
        </div>
      )}
    </>
  );
}

function RunView({ runId, go }: { runId: string; go: Go }) {
  const t = useTranslations('field.patrols');
  const locale = useLocale();
  const { engine } = useField();
  const runDoc = useRx((db) => db.patrol_runs.findOne(runId).$, [runId], null);
  const run = runDoc ? (runDoc.toMutableJSON() as PatrolRunDoc) : null;
  const routeDoc = useRx((db) => db.patrol_routes.findOne(run?.routeId ?? '-').$, [run?.routeId], null);
  const route = routeDoc ? (routeDoc.toMutableJSON() as PatrolRouteDoc) : null;
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);

  if (!run || !route) return <EmptyState title={t('loadingRun')} />;
  const flags = evaluateRun(route, run, now);
  const late = new Set(flags.lateScanIds);
  const missed = new Set(flags.missedCheckpointIds);
  const scanOf = new Map(run.scans.map((x) => [x.checkpointId, x]));
  const open = run.status === 'in_progress';

  // Scans and the finish apply to the newest stored run (SyncEngine.modify): two quick scans, or
  // a scan and the server's recomputed flags arriving, both stay.
  async function record(qr: string, method: Scan['method']) {
    if (!run || !route) return;
    const cp = checkpointForQr(route, qr);
    if (!cp) return setMessage({ ok: false, text: t('unknownCode', { code: qr }) });
    const scan: Scan = { id: crypto.randomUUID(), checkpointId: cp.id, at: Date.now(), method, late: false };
    const next = await engine.modify('patrol_runs', runId, (latest) =>
      latest.scans.some((x) => x.checkpointId === cp.id) ? latest : flagRun(route, { ...latest, scans: [...latest.scans, scan] }, Date.now()),
    );
    const mine = next.scans.find((x) => x.id === scan.id);
    if (!mine) return setMessage({ ok: false, text: t('already', { name: cp.name }) });
    setCode('');
    setMessage({ ok: true, text: mine.late ? t('scannedLate', { name: cp.name }) : t('scannedOk', { name: cp.name }) });
  }

  async function finish() {
    if (!route) return;
    await engine.modify('patrol_runs', runId, (latest) => flagRun(route, { ...latest, status: 'finished' as const, finishedAt: Date.now() }, Date.now()));
  }

  return (
    <>
      <button type="button" className={`btn btn-ghost ${s.back}`} onClick={() => go('')}>{t('back')}</button>
      <h2>{route.name}</h2>
      <p className={s.meta}>{t('startedAt', { at: fmt(run.startedAt, locale) })} · {t(`status.${run.status}`)}</p>
      {open && (
        <div className="card">
          <QrScanner onCode={(c) => void record(c, 'qr')} />
          <form
            className={s.row}
            onSubmit={(e) => {
              e.preventDefault();
              if (code.trim()) void record(code, 'manual');
            }}
          >
            <input aria-label={t('typeCode')} placeholder={t('typeCode')} value={code} onChange={(e) => setCode(e.target.value)} data-testid="checkpoint-code" />
            <button type="submit" className="btn">{t('check')}</button>
          </form>
          {message && <p className={message.ok ? 'field-hint' : 'field-error'} role="status">{message.text}</p>}
        </div>
      )}
      <div className={s.list} data-testid="checkpoints">
        {[...route.checkpoints].sort((a, b) => a.order - b.order).map((cp) => {
          const scan = scanOf.get(cp.id);
          const state = scan ? (late.has(scan.id) ? 'late' : 'ok') : missed.has(cp.id) ? 'missed' : 'todo';
          const cls = state === 'ok' ? s.badgeOk : state === 'late' ? s.badgeWarn : state === 'missed' ? s.badgeBad : '';
          return (
            <div key={cp.id} className={s.item} data-testid="checkpoint" data-state={state}>
              <div className={s.itemHead}>
                <span className={s.itemTitle}>{cp.order}. {cp.name}</span>
                <span className={`${s.badge} ${cls}`}>{t(`cp.${state}`)}</span>
              </div>
              <div className={s.meta}>
                {t('due', { at: fmt(run.startedAt + cp.offsetMin * 60_000, locale), tolerance: cp.toleranceMin })}
                {scan && ` · ${t('at', { at: fmt(scan.at, locale) })} · ${t(`method.${scan.method}`)}`}
              </div>
            </div>
          );
        })}
      </div>
      {open && (
        <button type="button" className={`btn ${s.big}`} style={{ marginTop: 14 }} onClick={() => void finish()} data-testid="finish-run">
          {t('finish')}
        </button>
      )}
    </>
  );
}

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

/** Camera scanning where the browser has BarcodeDetector; otherwise the typed code is the way. */
function QrScanner({ onCode }: { onCode: (code: string) => void }) {
  const t = useTranslations('field.patrols');
  const video = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const supported = typeof window !== 'undefined' && 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let last = '';
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (!video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const Ctor = (window as unknown as { BarcodeDetector: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
        const detector = new Ctor({ formats: ['qr_code'] });
        timer = setInterval(async () => {
          if (!video.current) return;
          const found = await detector.detect(video.current).catch(() => []);
          const value = found[0]?.rawValue;
          if (value && value !== last) {
            last = value;
            onCode(value);
          }
        }, 400);
      } catch (e) {
        setError(t('cameraFailed', { error: (e as Error).message }));
        setOn(false);
      }
    })();
    return () => {
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [on, onCode, t]);

  if (!supported) return <p className="field-hint">{t('noCamera')}</p>;
  return (
    <div style={{ marginBottom: 10 }}>
      <button type="button" className="btn btn-ghost" onClick={() => setOn(!on)}>{on ? t('stopCamera') : t('scan')}</button>
      {on && <video ref={video} className={s.video} muted playsInline />}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
