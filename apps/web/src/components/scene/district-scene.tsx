'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import type * as CesiumNs from 'cesium';
import type { DistrictSceneCommunity } from '@linli/db';
import { useTRPC } from '@/trpc/react';
import { occupancyColor } from './colors';
import { SceneStatus } from './scene-status';
import { mark, markReady, resetReady } from './test-hook';
import { nextFrame, useCesiumWidget } from './use-cesium-widget';
import styles from './scene.module.css';

/**
 * The street office's scene: every community of the district at CIM2 (one tileset of all their
 * cached white models, coloured by occupancy), a label with each community's summary, a card
 * with a link into the community.
 */
export function DistrictScene({ district }: { district: string }) {
  const t = useTranslations('scene');
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.cim.scene.district.queryOptions({ district }), staleTime: 60_000 });
  const communities = (query.data?.communities ?? []) as DistrictSceneCommunity[];
  const { ref, cesium, error: glError } = useCesiumWidget();
  const [picked, setPicked] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [modelError, setModelError] = useState<string | null>(null);
  const tileset = useRef<CesiumNs.Cesium3DTileset | null>(null);

  const rateOf = (c: DistrictSceneCommunity) => (c.summary.households > 0 ? `${Math.round((c.summary.occupied / c.summary.households) * 100)}%` : '—');
  const nameOf = (c: DistrictSceneCommunity) => (locale === 'en' ? c.nameEn : c.nameZh);

  useEffect(() => {
    if (!cesium || !query.data) return;
    const { C, widget } = cesium;
    const scene = widget.scene;
    let cancelled = false;
    const tilesets: CesiumNs.Cesium3DTileset[] = [];
    const contents = new Set<CesiumNs.Cesium3DTileContent>();
    const labels = new C.CustomDataSource('communities');
    resetReady();
    setModelError(null);
    setLoading(true);
    const list = query.data.communities as DistrictSceneCommunity[];
    for (const c of list) {
      if (!c.centre) continue;
      const rate = c.summary.households > 0 ? c.summary.occupied / c.summary.households : null;
      labels.entities.add({
        id: `community:${c.slug}`,
        position: C.Cartesian3.fromDegrees(c.centre.lng, c.centre.lat, c.centre.top + 25),
        point: { pixelSize: 10, color: C.Color.fromCssColorString(c.summary.openAlarms > 0 ? '#e53935' : occupancyColor(rate)), outlineColor: C.Color.WHITE, outlineWidth: 2, disableDepthTestDistance: Number.POSITIVE_INFINITY },
        label: {
          text: `${locale === 'en' ? c.nameEn : c.nameZh}\n${c.summary.buildings} · ${c.summary.households} · ${rate === null ? '—' : `${Math.round(rate * 100)}%`}${c.summary.openAlarms > 0 ? ` · ⚠${c.summary.openAlarms}` : ''}`,
          font: '13px sans-serif',
          fillColor: C.Color.BLACK,
          showBackground: true,
          backgroundColor: C.Color.WHITE.withAlpha(0.85),
          pixelOffset: new C.Cartesian2(0, -22),
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        },
      });
    }
    void widget.dataSources.add(labels);

    const pts = list.filter((c) => c.centre).map((c) => C.Cartesian3.fromDegrees(c.centre!.lng, c.centre!.lat, 0));
    if (pts.length) {
      const sphere = C.BoundingSphere.fromPoints(pts);
      scene.camera.flyToBoundingSphere(sphere, { offset: new C.HeadingPitchRange(C.Math.toRadians(15), C.Math.toRadians(-45), Math.max(sphere.radius * 2.8, 900)), duration: 0 });
    }

    window.__linliScene = {
      kind: 'district',
      level: 2,
      get features() {
        let n = 0;
        for (const c of contents) n += c.featuresLength;
        return n;
      },
      get entities() {
        return labels.entities.values.length;
      },
      get primitives() {
        return scene.primitives.length;
      },
      project: (slug) => {
        const c = list.find((x) => x.slug === slug);
        if (!c?.centre) return null;
        const p = C.SceneTransforms.worldToWindowCoordinates(scene, C.Cartesian3.fromDegrees(c.centre.lng, c.centre.lat, c.centre.top + 25));
        return p ? { x: p.x, y: p.y } : null;
      },
      selected: null,
      codes: list.filter((c) => c.centre).map((c) => c.slug),
    };

    const handler = new C.ScreenSpaceEventHandler(widget.canvas);
    handler.setInputAction((e: { position: CesiumNs.Cartesian2 }) => {
      const obj = scene.pick(e.position);
      let slug: string | null = null;
      if (obj instanceof C.Cesium3DTileFeature) slug = list.find((c) => c.code === communityOf(String(obj.getProperty('address') ?? '')))?.slug ?? null;
      else if ((obj as { id?: unknown })?.id instanceof C.Entity) {
        const id = ((obj as { id: CesiumNs.Entity }).id.id ?? '') as string;
        if (id.startsWith('community:')) slug = id.slice('community:'.length);
      }
      setPicked(slug);
      if (window.__linliScene) window.__linliScene.selected = slug;
    }, C.ScreenSpaceEventType.LEFT_CLICK);

    scene.requestRenderMode = false;
    (async () => {
      if (!list.some((c) => c.modelled)) {
        setLoading(false);
        await nextFrame(scene);
        markReady(2, 0);
        scene.requestRenderMode = true;
        return;
      }
      const version = (query.data as { version: string }).version;
      const ts = await C.Cesium3DTileset.fromUrl(`/district/${encodeURIComponent(district)}/scene/tiles/tileset.json?v=${encodeURIComponent(version)}`, { maximumScreenSpaceError: 16 });
      if (cancelled) {
        ts.destroy();
        return;
      }
      mark('tileset');
      const rateByCode = new Map(list.map((c) => [c.code, c.summary.households > 0 ? c.summary.occupied / c.summary.households : null]));
      ts.tileLoad.addEventListener((tile: CesiumNs.Cesium3DTile) => {
        if (contents.size === 0) mark('first-tile');
        contents.add(tile.content);
        for (let i = 0; i < tile.content.featuresLength; i++) {
          const f = tile.content.getFeature(i);
          f.color = C.Color.fromCssColorString(occupancyColor(rateByCode.get(communityOf(String(f.getProperty('address') ?? ''))) ?? null));
        }
      });
      ts.tileUnload.addEventListener((tile: CesiumNs.Cesium3DTile) => contents.delete(tile.content));
      tileset.current = ts;
      tilesets.push(ts);
      const loaded = new Promise<void>((resolve) => {
        const off = ts.allTilesLoaded.addEventListener(() => {
          off();
          resolve();
        });
      });
      scene.primitives.add(ts);
      scene.requestRender();
      await loaded;
      if (cancelled) return;
      mark('tiles-loaded');
      setLoading(false);
      await nextFrame(scene);
      let n = 0;
      for (const c of contents) n += c.featuresLength;
      markReady(2, n);
      // Keep rendering until labels and globe tiles are in place, then render on demand.
      const end = performance.now() + 10_000;
      while (!cancelled && !(widget.dataSourceDisplay.ready && scene.globe.tilesLoaded) && performance.now() < end) await nextFrame(scene);
      if (!cancelled) scene.requestRenderMode = true;
    })().catch((e: unknown) => {
      if (!scene.isDestroyed()) scene.requestRenderMode = true;
      if (!cancelled) {
        setLoading(false);
        setModelError(e instanceof Error ? e.message : String(e));
      }
    });

    return () => {
      cancelled = true;
      handler.destroy();
      if (!widget.isDestroyed()) {
        for (const ts of tilesets) scene.primitives.remove(ts);
        void widget.dataSources.remove(labels, true);
      }
      tileset.current = null;
      delete window.__linliScene;
    };
  }, [cesium, query.data, locale, district]);

  const sel = communities.find((c) => c.slug === picked);
  return (
    <div className={styles.layout}>
      <div className={styles.stage} data-testid="scene-stage">
        <div ref={ref} className={styles.canvas} data-testid="scene-canvas" />
        <SceneStatus
          waiting={query.isPending || !cesium}
          modelLoading={loading}
          glError={glError}
          loadError={query.isError || modelError ? (query.error?.message ?? modelError ?? '') : null}
          onRetry={() => void query.refetch()}
        />
        {sel && (
          <aside className={styles.card} data-testid="community-card">
            <h3>
              <span>{nameOf(sel)}</span>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setPicked(null)} aria-label={t('card.close')}>
                ×
              </button>
            </h3>
            <p>{t('district.summary', { buildings: nf.format(sel.summary.buildings), households: nf.format(sel.summary.households), rate: rateOf(sel), alarms: nf.format(sel.summary.openAlarms) })}</p>
            {!sel.modelled && <p className={styles.hint}>{t('district.noModel')}</p>}
            <Link href={`/c/${sel.slug}/scene`}>{t('district.open')}</Link>
          </aside>
        )}
      </div>
      <div className={styles.side}>
        <section data-testid="district-communities">
          <h2>{t('district.communities', { count: nf.format(communities.length) })}</h2>
          {query.data && communities.length === 0 && <p className={styles.hint}>{t('district.empty')}</p>}
          <ul className={styles.results}>
            {communities.map((c) => (
              <li key={c.slug}>
                <button
                  type="button"
                  onClick={() => {
                    setPicked(c.slug);
                    if (c.centre && cesium) {
                      const C = cesium.C;
                      cesium.widget.scene.camera.flyToBoundingSphere(new C.BoundingSphere(C.Cartesian3.fromDegrees(c.centre.lng, c.centre.lat, 0), 150), {
                        offset: new C.HeadingPitchRange(C.Math.toRadians(15), C.Math.toRadians(-40), 700),
                        duration: 1.2,
                      });
                    }
                  }}
                >
                  {nameOf(c)}
                  <small>{t('district.summary', { buildings: nf.format(c.summary.buildings), households: nf.format(c.summary.households), rate: rateOf(c), alarms: nf.format(c.summary.openAlarms) })}</small>
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

/** The community segment of a standard address code (district-community-B…). */
function communityOf(address: string): string {
  return address.split('-')[1] ?? '';
}
