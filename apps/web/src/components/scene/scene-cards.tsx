'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import type { SceneData, SceneHousehold } from '@linli/db';
import { useTRPC } from '@/trpc/react';
import type { Picked } from './community-controller';
import styles from './scene.module.css';

type Building = SceneData['buildings'][number];

function pct(n: number, d: number) {
  return d > 0 ? `${Math.round((n / d) * 100)}%` : '—';
}

function CardShell({ title, onClose, children, testId }: { title: string; onClose: () => void; children: React.ReactNode; testId: string }) {
  const t = useTranslations('scene.card');
  return (
    <aside className={styles.card} data-testid={testId} aria-label={title}>
      <h3>
        <span>{title}</span>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </h3>
      {children}
    </aside>
  );
}

export function BuildingCard({ b, onClose }: { b: Building; onClose: () => void }) {
  const t = useTranslations('scene');
  const nf = new Intl.NumberFormat(useLocale());
  const states = Object.entries(b.states).sort((x, y) => y[1] - x[1]);
  return (
    <CardShell title={b.name} onClose={onClose} testId="building-card">
      <dl>
        <dt>{t('card.address')}</dt>
        <dd data-testid="card-address">{b.address}</dd>
        <dt>{t('card.units')}</dt>
        <dd>{nf.format(b.units)}</dd>
        <dt>{t('card.floors')}</dt>
        <dd>{t('card.floorsValue', { above: b.floorsAbove, below: b.floorsBelow })}</dd>
        <dt>{t('card.height')}</dt>
        <dd>{t('card.heightValue', { m: b.height.toFixed(1) })}</dd>
        <dt>{t('card.households')}</dt>
        <dd data-testid="card-households">{nf.format(b.households)}</dd>
        <dt>{t('card.occupancy')}</dt>
        <dd>{pct(b.occupied, b.households)}</dd>
        <dt>{t('card.use')}</dt>
        <dd>{t.has(`uses.${b.use}`) ? t(`uses.${b.use}`) : b.use}</dd>
      </dl>
      {states.length > 0 && (
        <p className={styles.hint}>{states.map(([s, n]) => `${t.has(`states.${s}`) ? t(`states.${s}`) : s} ${nf.format(n)}`).join(' · ')}</p>
      )}
    </CardShell>
  );
}

export function HouseholdCard({ tenant, address, canReveal, onClose }: { tenant: string; address: string; canReveal: boolean; onClose: () => void }) {
  const t = useTranslations('scene');
  const trpc = useTRPC();
  const query = useQuery(trpc.cim.scene.household.queryOptions({ tenant, address }));
  const reveal = useMutation(trpc.cim.scene.householdReveal.mutationOptions());
  const h: SceneHousehold | undefined = (reveal.data as SceneHousehold | undefined) ?? (query.data as SceneHousehold | undefined);
  const title = h ? `${h.buildingName} ${h.unit}-${h.room}` : t('card.household');
  return (
    <CardShell title={title} onClose={onClose} testId="household-card">
      {query.isPending && <p>{t('card.loading')}</p>}
      {query.isError && <p className="error">{query.error.message}</p>}
      {h && (
        <>
          <dl>
            <dt>{t('card.address')}</dt>
            <dd data-testid="card-address">{h.address}</dd>
            <dt>{t('card.area')}</dt>
            <dd>{h.area === null ? '—' : t('card.areaValue', { m: h.area })}</dd>
            <dt>{t('card.use')}</dt>
            <dd>{t.has(`uses.${h.use}`) ? t(`uses.${h.use}`) : h.use}</dd>
            <dt>{t('card.state')}</dt>
            <dd>{t.has(`states.${h.state}`) ? t(`states.${h.state}`) : h.state}</dd>
          </dl>
          <h4 style={{ margin: '10px 0 4px' }}>{t('card.residents')}</h4>
          {h.residents === null ? (
            <p className={styles.hint}>{t('card.residentsHidden')}</p>
          ) : h.residents.length === 0 ? (
            <p className={styles.hint}>{t('card.noResidents')}</p>
          ) : (
            <>
              <ul data-testid="card-residents">
                {h.residents.map((r) => (
                  <li key={r.id}>
                    {r.name}
                    {r.phone ? ` · ${r.phone}` : ''}
                    {r.idNumber ? ` · ${r.idNumber}` : ''}
                  </li>
                ))}
              </ul>
              {h.masked && <p className={styles.hint}>{t('card.masked')}</p>}
              {h.masked && canReveal && (
                <button type="button" className="btn btn-ghost btn-small" disabled={reveal.isPending} onClick={() => reveal.mutate({ tenant, address })} data-testid="reveal">
                  {reveal.isPending ? t('card.revealing') : t('card.reveal')}
                </button>
              )}
              {reveal.isError && <p className="error">{reveal.error.message}</p>}
            </>
          )}
        </>
      )}
    </CardShell>
  );
}

export function DeviceCard({ tenant, d, kindName, onClose }: { tenant: string; d: SceneData['devices'][number]; kindName: string; onClose: () => void }) {
  const t = useTranslations('scene.card');
  return (
    <CardShell title={d.name} onClose={onClose} testId="device-card">
      <dl>
        <dt>{t('kind')}</dt>
        <dd>{kindName}</dd>
        <dt>{t('device')}</dt>
        <dd>{d.code}</dd>
        <dt>{t('state')}</dt>
        <dd>{d.online ? <span className="badge badge-ok">{t('online')}</span> : <span className="badge">{t('offline')}</span>}</dd>
        <dt>{t('openAlarms')}</dt>
        <dd>{d.openAlarms > 0 ? <span className="badge badge-danger">{d.openAlarms}</span> : 0}</dd>
      </dl>
      <p>
        <Link href={`/c/${tenant}/devices/${d.id}`}>{t('openDevice')}</Link>
      </p>
    </CardShell>
  );
}

export function FacilityCard({ f, kindName, onClose }: { f: SceneData['site']['facilities'][number]; kindName: string; onClose: () => void }) {
  const t = useTranslations('scene.card');
  return (
    <CardShell title={f.name} onClose={onClose} testId="facility-card">
      <dl>
        <dt>{t('kind')}</dt>
        <dd>{kindName}</dd>
        <dt>{t('facility')}</dt>
        <dd>{f.code}</dd>
      </dl>
    </CardShell>
  );
}

export type { Picked };

export function CaseCard({ tenant, c, onClose }: { tenant: string; c: SceneData['cases'][number]; onClose: () => void }) {
  const t = useTranslations('scene.card');
  const f = useTranslations('field-console');
  return (
    <CardShell title={c.title} onClose={onClose} testId="case-card">
      <dl>
        <dt>{t('kind')}</dt>
        <dd>{f(`kind.${c.kind}`)}</dd>
        <dt>{t('state')}</dt>
        <dd>
          {f(`status.${c.status}`)}
          {c.overdue && <span className="badge badge-danger"> {t('caseOverdue')}</span>}
        </dd>
        {c.buildingCode && (
          <>
            <dt>{t('caseBuilding')}</dt>
            <dd>{c.buildingCode}</dd>
          </>
        )}
      </dl>
      <p>
        <Link href={`/c/${tenant}/cases/${c.id}`}>{t('openCase')}</Link>
      </p>
    </CardShell>
  );
}
