'use client';
import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SceneData, SceneHit } from '@linli/db';
import { useTRPC } from '@/trpc/react';
import type { ColorMode } from './colors';
import { CommunityController, type Picked } from './community-controller';
import { BuildingCard, CaseCard, DeviceCard, FacilityCard, HouseholdCard } from './scene-cards';
import { ColorPanel, ExportPanel, SearchPanel } from './scene-panels';
import { SceneStatus } from './scene-status';
import { mark, markReady, resetReady } from './test-hook';
import { nextFrame, useCesiumWidget } from './use-cesium-widget';
import styles from './scene.module.css';

export interface CommunitySceneProps {
  tenant: string;
  initialLevel: number | null;
  canReveal: boolean;
  canDevices: boolean;
  deviceKinds: Record<string, string>;
}

const LEVELS = [1, 2, 3, 4] as const;

/** The community scene (R4.1.2, R6.2.5): CIM1..CIM4, cards, layers, address search, exports. */
export function CommunityScene({ tenant, initialLevel, canReveal, canDevices, deviceKinds }: CommunitySceneProps) {
  const t = useTranslations('scene');
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const [level, setLevel] = useState<number | undefined>(initialLevel ?? undefined);
  const query = useQuery({ ...trpc.cim.scene.data.queryOptions({ tenant, level }), staleTime: 60_000 });
  const data = query.data as SceneData | undefined;
  const { ref, cesium, error: glError } = useCesiumWidget();
  const ctl = useRef<CommunityController | null>(null);
  const [modelLoading, setModelLoading] = useState(false);
  const [modelError, setModelError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [colorMode, setColorMode] = useState<ColorMode>('occupancy');
  const [shown, setShown] = useState<Record<string, boolean>>({});
  const [onlyAlarms, setOnlyAlarms] = useState(false);
  const homed = useRef(false);

  // The controller lives as long as the widget.
  useEffect(() => {
    if (!cesium) return;
    const c = new CommunityController(cesium.C, cesium.widget);
    ctl.current = c;
    const handler = new cesium.C.ScreenSpaceEventHandler(cesium.widget.canvas);
    handler.setInputAction((e: { position: { x: number; y: number } }) => {
      const p = c.pick(e.position.x, e.position.y);
      setPicked(p);
      c.highlight(p ? (p.type === 'household' ? p.address : p.type === 'building' ? (p.address ?? null) : null) : null);
    }, cesium.C.ScreenSpaceEventType.LEFT_CLICK);
    window.__linliScene = {
      kind: 'community',
      level: 0,
      get features() {
        return c.featureCount;
      },
      get entities() {
        return c.entityCount;
      },
      get primitives() {
        return c.scene.primitives.length;
      },
      project: (code) => c.project(code),
      projectCase: (id) => c.projectEntity(`case:${id}`),
      get caseIds() {
        return c.caseIds;
      },
      pick: (x, y) => c.pick(x, y),
      get codes() {
        return c.buildingCodes;
      },
      get selected() {
        return c.selected;
      },
    };
    return () => {
      handler.destroy();
      ctl.current = null;
      delete window.__linliScene;
    };
  }, [cesium]);

  // Data or level changed: redraw layers, then swap the model and wait for its first frame.
  useEffect(() => {
    const c = ctl.current;
    if (!c || !data) return;
    let cancelled = false;
    resetReady();
    setModelError(null);
    const mode: ColorMode = data.level === 4 ? 'state' : 'occupancy';
    setColorMode(mode);
    // Render continuously while the model loads (its content is processed over several frames),
    // then only on demand again.
    c.scene.requestRenderMode = false;
    (async () => {
      mark('data');
      await c.setData(data);
      mark('layers');
      c.setColorMode(mode);
      if (!homed.current) {
        c.home(0);
        homed.current = true;
      }
      setShown(Object.fromEntries(layerNames(data).map((n) => [n, c.layerShown(n)])));
      setModelLoading(data.level >= 2);
      await c.setModel(data.level >= 2 ? `/api/cim/${encodeURIComponent(tenant)}/tiles/${data.level}/tileset.json?v=${encodeURIComponent(data.version)}` : null);
      if (cancelled) return;
      mark('tiles-loaded');
      setModelLoading(false);
      // CIM1's "model" is the footprints: wait until their geometry is drawn.
      if (data.level === 1) await settle(c);
      await nextFrame(c.scene);
      if (cancelled) return;
      if (window.__linliScene) window.__linliScene.level = data.level;
      markReady(data.level, c.featureCount);
      // Keep rendering until the ground and globe are in place too, then render on demand.
      await settle(c);
      if (!cancelled) c.scene.requestRenderMode = true;
    })().catch((e: unknown) => {
      c.scene.requestRenderMode = true;
      if (!cancelled) {
        setModelLoading(false);
        setModelError(e instanceof Error ? e.message : String(e));
      }
    });
    return () => {
      cancelled = true;
      if (!c.scene.isDestroyed()) c.scene.requestRenderMode = true;
    };
  }, [data, tenant, cesium]);

  const changeLevel = (l: number) => {
    setPicked(null);
    setLevel(l);
    router.replace(`${pathname}?level=${l}`, { scroll: false });
  };

  const onColor = (m: ColorMode) => {
    setColorMode(m);
    ctl.current?.setColorMode(m);
  };

  const toggle = (name: string, show: boolean) => {
    ctl.current?.setLayer(name, show);
    setShown((s) => ({ ...s, [name]: show }));
  };

  const locate = (h: SceneHit) => {
    const c = ctl.current;
    if (!c) return;
    c.flyTo(h);
    if (h.kind === 'household') {
      c.highlight(h.address);
      setPicked({ type: 'household', address: h.address, building: h.buildingCode });
    } else {
      c.highlight(data && data.level === 2 ? (data.buildings.find((b) => b.code === h.buildingCode)?.address ?? null) : h.kind === 'floor' ? h.address : null);
      setPicked({ type: 'building', code: h.buildingCode, address: h.address });
    }
  };

  const facilityKinds = useMemo(() => countBy(data?.site.facilities.map((f) => f.kind) ?? []), [data]);
  const deviceKindCounts = useMemo(() => countBy(data?.devices.filter((d) => d.lng !== null && d.lat !== null).map((d) => d.kind) ?? []), [data]);
  const fkName = (k: string) => (t.has(`facilityKinds.${k}`) ? t(`facilityKinds.${k}`) : k);
  const dkName = (k: string) => deviceKinds[k] ?? k;
  const caseKindCounts = useMemo(() => countBy(data?.cases.filter((c) => (c.lng !== null && c.lat !== null) || c.buildingCode).map((c) => c.kind) ?? []), [data]);
  const fc = useTranslations('field-console');

  const card = (() => {
    if (!picked || !data) return null;
    const close = () => {
      setPicked(null);
      ctl.current?.highlight(null);
    };
    if (picked.type === 'household') return <HouseholdCard key={picked.address} tenant={tenant} address={picked.address} canReveal={canReveal} onClose={close} />;
    if (picked.type === 'building') {
      const b = data.buildings.find((x) => x.code === picked.code);
      return b ? <BuildingCard b={b} onClose={close} /> : null;
    }
    if (picked.type === 'device') {
      const d = data.devices.find((x) => x.id === picked.id);
      return d ? <DeviceCard tenant={tenant} d={d} kindName={dkName(d.kind)} onClose={close} /> : null;
    }
    if (picked.type === 'case') {
      const c = data.cases.find((x) => x.id === picked.id);
      return c ? <CaseCard tenant={tenant} c={c} onClose={close} /> : null;
    }
    const f = data.site.facilities.find((x) => x.code === picked.code);
    return f ? <FacilityCard f={f} kindName={fkName(f.kind)} onClose={close} /> : null;
  })();

  const rate = data && data.totals.households > 0 ? `${Math.round((data.totals.occupied / data.totals.households) * 100)}%` : '—';
  const empty = data && data.buildings.length === 0;

  return (
    <div className={styles.layout}>
      <div className={styles.stage} data-testid="scene-stage">
        <div ref={ref} className={styles.canvas} data-testid="scene-canvas" />
        <div className={styles.toolbar}>
          <div className={styles.levels} role="group" aria-label={t('level.label')} data-testid="level-switch">
            {LEVELS.map((l) => (
              <button
                key={l}
                type="button"
                aria-pressed={data?.level === l}
                disabled={!data || l > data.maxLevel}
                title={data && l > data.maxLevel ? t('level.unavailable', { max: data.maxLevel }) : t(`level.hint.${l}`)}
                onClick={() => changeLevel(l)}
                data-testid={`level-${l}`}
              >
                {t(`level.${l}`)}
              </button>
            ))}
          </div>
          {data && (
            <>
              <span className={styles.chip}>{t('stats.buildings', { count: nf.format(data.totals.buildings) })}</span>
              <span className={styles.chip}>{t('stats.households', { count: nf.format(data.totals.households) })}</span>
              <span className={styles.chip}>{t('stats.occupancy', { rate })}</span>
              {data.level >= 2 && <span className={styles.chip} data-testid="feature-count">{t('stats.features', { count: nf.format(data.featureCount) })}</span>}
              {data.totals.openAlarms > 0 && <span className={`${styles.chip} badge-danger`}>{t('stats.alarms', { count: nf.format(data.totals.openAlarms) })}</span>}
              <button type="button" className="btn btn-ghost btn-small" style={{ background: 'var(--panel)' }} onClick={() => ctl.current?.home(1)}>
                {t('home')}
              </button>
            </>
          )}
        </div>
        <SceneStatus
          waiting={query.isPending || !cesium}
          modelLoading={modelLoading}
          glError={glError}
          loadError={query.isError || modelError ? (query.error?.message ?? modelError ?? '') : null}
          onRetry={() => void query.refetch()}
        />
        {empty && (
          <div className={`${styles.overlay} ${styles.overlayError}`} style={{ color: 'var(--text)' }}>
            <strong>{t('empty.title')}</strong>
            <span>{t('empty.body')}</span>
          </div>
        )}
        {card}
      </div>

      <div className={styles.side}>
        <SearchPanel tenant={tenant} onLocate={locate} />
        <ColorPanel mode={colorMode} level={data?.level} uses={data?.buildings.map((b) => b.use) ?? []} onChange={onColor} />
        <section data-testid="scene-layers">
          <h2>{t('layers.title')}</h2>
          <label>
            <input type="checkbox" checked={shown.ground ?? true} onChange={(e) => toggle('ground', e.target.checked)} />
            {t('layers.ground')}
          </label>
          {Object.keys(facilityKinds).length > 0 && <h3 className={styles.hint}>{t('layers.facilities')}</h3>}
          {Object.entries(facilityKinds).map(([k, n]) => (
            <label key={k}>
              <input type="checkbox" checked={shown[`facility:${k}`] ?? true} onChange={(e) => toggle(`facility:${k}`, e.target.checked)} data-testid={`layer-facility-${k}`} />
              {fkName(k)}
              <span className={styles.count}>{nf.format(n)}</span>
            </label>
          ))}
          {canDevices && Object.keys(deviceKindCounts).length > 0 && (
            <>
              <h3 className={styles.hint}>{t('layers.devices')}</h3>
              <label>
                <input
                  type="checkbox"
                  checked={onlyAlarms}
                  onChange={(e) => {
                    setOnlyAlarms(e.target.checked);
                    ctl.current?.setOnlyAlarms(e.target.checked);
                  }}
                />
                {t('layers.onlyAlarms')}
              </label>
              {Object.entries(deviceKindCounts).map(([k, n]) => (
                <label key={k}>
                  <input type="checkbox" checked={shown[`device:${k}`] ?? true} onChange={(e) => toggle(`device:${k}`, e.target.checked)} data-testid={`layer-device-${k}`} />
                  {dkName(k)}
                  <span className={styles.count}>{nf.format(n)}</span>
                </label>
              ))}
            </>
          )}
          {Object.keys(caseKindCounts).length > 0 && (
            <>
              <h3 className={styles.hint}>{t('layers.cases')}</h3>
              {Object.entries(caseKindCounts).map(([k, n]) => (
                <label key={k}>
                  <input type="checkbox" checked={shown[`case:${k}`] ?? true} onChange={(e) => toggle(`case:${k}`, e.target.checked)} data-testid={`layer-case-${k}`} />
                  {fc(`kind.${k}`)}
                  <span className={styles.count}>{nf.format(n)}</span>
                </label>
              ))}
            </>
          )}
          {data && Object.keys(facilityKinds).length === 0 && Object.keys(deviceKindCounts).length === 0 && <p className={styles.hint}>{t('layers.none')}</p>}
        </section>
        <ExportPanel tenant={tenant} level={data?.level} canDevices={canDevices} />
      </div>
    </div>
  );
}

/** Frames until entity geometry and globe tiles are in place (at most ~10 s of frames). */
async function settle(c: CommunityController) {
  const end = performance.now() + 10_000;
  while (!c.scene.isDestroyed() && !c.settled && performance.now() < end) await nextFrame(c.scene);
}

function layerNames(data: SceneData): string[] {
  return ['ground', 'footprints', ...new Set(data.site.facilities.map((f) => `facility:${f.kind}`)), ...new Set(data.devices.map((d) => `device:${d.kind}`)), ...new Set(data.cases.map((c) => `case:${c.kind}`))];
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => a[0].localeCompare(b[0])));
}
