import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { EmptyState, PageHeader } from '@/components/ui';
import { load } from '@/server/caller';
import { requirePermission } from '../../data';
import styles from '../registry.module.css';

const STATES = ['occupied', 'rented', 'vacant', 'unknown'] as const;

/** One building of the 楼盘表: facts, units with stairs/elevators, and the floor × household grid. */
export default async function RegistryBuildingPage({ params }: { params: Promise<{ slug: string; code: string }> }) {
  const { slug, code: raw } = await params;
  const code = decodeURIComponent(raw);
  await requirePermission(slug, 'buildings.read');
  const t = await getTranslations('cim.building');
  const tr = await getTranslations('cim.registry');
  const locale = await getLocale();
  const d = await load((c) => c.cim.building({ tenant: slug, code }), `/c/${slug}/registry/${raw}`);
  const b = d.building;
  const floors: number[] = [];
  for (let f = b.floorsAbove; f >= 1; f--) floors.push(f);
  for (let f = -1; f >= -b.floorsBelow; f--) floors.push(f);
  const byCell = new Map<string, typeof d.households>();
  for (const h of d.households) {
    const k = `${h.unit}|${h.floor}`;
    byCell.set(k, [...(byCell.get(k) ?? []), h]);
  }
  const usedFloors = floors.filter((f) => d.households.some((h) => h.floor === f));
  const unitNos = d.units.length > 0 ? d.units.map((u) => u.unit) : Array.from({ length: b.units }, (_, i) => i + 1);
  const use = (u: string) => (tr.has(`uses.${u}`) ? tr(`uses.${u}`) : u);
  const state = (s: string) => (tr.has(`states.${s}`) ? tr(`states.${s}`) : s);
  return (
    <>
      <PageHeader
        title={`${b.name} · ${b.code}`}
        subtitle={locale === 'en' ? b.labelEn : b.labelZh}
        actions={
          <Link className="btn btn-ghost" href={`/c/${slug}/registry`}>
            {t('back')}
          </Link>
        }
      />
      <section className="card">
        <h2>{t('facts')}</h2>
        <dl className="facts" style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '6px 16px' }}>
          <dt>{t('address')}</dt>
          <dd className={styles.mono} data-testid="building-address">{b.addressCode ?? '—'}</dd>
          <dt>{t('floors')}</dt>
          <dd>{t('floorsValue', { above: b.floorsAbove, below: b.floorsBelow })}</dd>
          <dt>{t('floorHeight')}</dt>
          <dd>{t('meters', { n: b.floorHeight })}</dd>
          <dt>{t('year')}</dt>
          <dd>{b.year ?? '—'}</dd>
          <dt>{t('structure')}</dt>
          <dd>{b.structure ?? '—'}</dd>
          <dt>{t('level')}</dt>
          <dd>{tr(`levels.${b.cimLevel}`)}</dd>
          <dt>{t('footprint')}</dt>
          <dd>{b.footprint ? t('hasFootprint') : t('noFootprint')}</dd>
          <dt>{t('devices')}</dt>
          <dd>{b.devices}</dd>
          {d.parking.length > 0 && (
            <>
              <dt>{t('parking')}</dt>
              <dd>{d.parking.map((p) => `${p.name} (${p.spaces})`).join('、')}</dd>
            </>
          )}
          {d.facilities.length > 0 && (
            <>
              <dt>{t('facilities')}</dt>
              <dd>{d.facilities.map((f) => f.name).join('、')}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="card">
        <h2>{t('units')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('unit', { n: '' }).trim()}</th>
                <th>{t('unitAddress')}</th>
                <th className="num">{t('stairs')}</th>
                <th className="num">{t('elevators')}</th>
                <th>{t('level')}</th>
                <th className="num">{t('households', { n: '' }).trim()}</th>
              </tr>
            </thead>
            <tbody>
              {d.units.map((u) => (
                <tr key={u.unit} id={`u${u.unit}`}>
                  <td>{t('unit', { n: u.unit })}</td>
                  <td className={styles.mono}>{u.addressCode}</td>
                  <td className="num">{u.stairs}</td>
                  <td className="num">{u.elevators}</td>
                  <td>CIM{u.cimLevel}</td>
                  <td className="num">{d.households.filter((h) => h.unit === u.unit).length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card">
        <h2>{t('grid')}</h2>
        {d.households.length === 0 ? (
          <EmptyState title={t('noHouseholds')} />
        ) : (
          <>
            <p className="field-hint">{t('gridHint')}</p>
            <div className={styles.legend}>
              {STATES.map((s) => (
                <span key={s}>
                  <i className={`${styles.swatch} ${styles[s]}`} /> {state(s)}
                </span>
              ))}
            </div>
            <div className={styles.units}>
              {unitNos.map((u) => (
                <table key={u} className={styles.unitGrid} aria-label={t('unit', { n: u })}>
                  <caption>{t('unit', { n: u })}</caption>
                  <tbody>
                    {usedFloors.map((f) => (
                      <tr key={f}>
                        <th scope="row">{f > 0 ? t('floor', { n: f }) : t('basement', { n: -f })}</th>
                        {(byCell.get(`${u}|${f}`) ?? []).map((h) => (
                          <td
                            key={h.id}
                            className={`${styles.cell} ${styles[h.state] ?? ''}`}
                            data-testid="household-cell"
                            title={`${h.addressCode ?? ''}\n${use(h.use)} · ${state(h.state)}${h.area ? ` · ${t('area', { n: h.area })}` : ''} · ${t('residents', { n: h.residents })}`}
                          >
                            {h.room}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))}
            </div>
          </>
        )}
      </section>
    </>
  );
}
