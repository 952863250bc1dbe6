'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { SceneHit } from '@linli/db';
import { useTRPCClient } from '@/trpc/react';
import { occupancyColor, stateColor, useColor, type ColorMode } from './colors';
import styles from './scene.module.css';

/** Address search: results list; one hit (or a click on a result) flies there. */
export function SearchPanel({ tenant, onLocate }: { tenant: string; onLocate: (h: SceneHit) => void }) {
  const t = useTranslations('scene');
  const locale = useLocale();
  const client = useTRPCClient();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SceneHit[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSearch = async (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    if (!text) return;
    setSearching(true);
    setError(null);
    try {
      const r = (await client.cim.scene.search.query({ tenant, query: text })) as SceneHit[];
      setHits(r);
      if (r.length === 1) onLocate(r[0]!);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSearching(false);
    }
  };
  return (
    <section>
      <h2>{t('search.label')}</h2>
      <form className={styles.searchRow} onSubmit={onSearch} role="search">
        <input value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('search.placeholder')} aria-label={t('search.label')} data-testid="scene-search" maxLength={100} />
        <button type="submit" className="btn btn-small" disabled={searching || !q.trim()}>
          {t('search.go')}
        </button>
      </form>
      {error && <p className="error">{error}</p>}
      {hits && hits.length === 0 && <p className={styles.hint}>{t('search.none')}</p>}
      {hits && hits.length > 0 && (
        <ul className={styles.results} data-testid="scene-search-results">
          {hits.map((h) => (
            <li key={h.address}>
              <button type="button" onClick={() => onLocate(h)}>
                {locale === 'en' ? h.labelEn : h.labelZh} <span className="badge">{t(`search.kind.${h.kind}`)}</span>
                <small>{h.address}</small>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Colour-by choice with its legend. */
export function ColorPanel({ mode: colorMode, level, uses, onChange: onColor }: { mode: ColorMode; level: number | undefined; uses: string[]; onChange: (m: ColorMode) => void }) {
  const t = useTranslations('scene');
  return (
    <section>
      <h2>{t('colorBy.label')}</h2>
      {(['occupancy', 'state', 'use'] as const).map((m) => (
        <label key={m}>
          <input type="radio" name="colorBy" checked={colorMode === m} disabled={m === 'state' && level !== 4} onChange={() => onColor(m)} />
          {t(`colorBy.${m}`)}
        </label>
      ))}
      {colorMode === 'occupancy' ? (
        <>
          <div className={styles.gradient} />
          <div className={styles.gradientLabels}>
            <span>{t('legend.occupancyLow')}</span>
            <span>
              <span className={styles.swatch} style={{ background: occupancyColor(null) }} />
              {t('legend.noHouseholds')}
            </span>
            <span>{t('legend.occupancyHigh')}</span>
          </div>
        </>
      ) : (
        <div className={styles.legend}>
          {(colorMode === 'state' ? ['occupied', 'rented', 'vacant', 'unknown', 'stair'] : [...new Set([...uses, 'stair'])]).map((k) => (
            <span key={k}>
              <span className={styles.swatch} style={{ background: colorMode === 'state' ? stateColor(k) : useColor(k) }} />
              {colorMode === 'state' ? (t.has(`states.${k}`) ? t(`states.${k}`) : k) : t.has(`uses.${k}`) ? t(`uses.${k}`) : k}
            </span>
          ))}
        </div>
      )}
    </section>
  );
}

/** Download links of the CIM exports (each audited on the server). */
export function ExportPanel({ tenant, level, canDevices }: { tenant: string; level: number | undefined; canDevices: boolean }) {
  const t = useTranslations('scene');
  const exportHref = (format: string) => `/api/cim/${encodeURIComponent(tenant)}/export/${format}`;
  return (
    <section>
      <h2>{t('export.title')}</h2>
      <div className={styles.exports} data-testid="scene-exports">
        <a href={exportHref('cityjson')} download>
          {t('export.cityjson')}
        </a>
        <a href={exportHref('buildings-geojson')} download>
          {t('export.buildings')}
        </a>
        <a href={exportHref('facilities-geojson')} download>
          {t('export.facilities')}
        </a>
        {canDevices && (
          <a href={exportHref('devices-geojson')} download>
            {t('export.devices')}
          </a>
        )}
        {level !== undefined && level >= 2 && (
          <a href={`${exportHref('3dtiles-zip')}?level=${level}`} download>
            {t('export.tiles')}
          </a>
        )}
      </div>
      <p className={styles.hint}>{t('export.hint')}</p>
    </section>
  );
}
