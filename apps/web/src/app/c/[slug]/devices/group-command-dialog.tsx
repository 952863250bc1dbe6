'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Field, Notice } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC, useTRPCClient } from '@/trpc/react';
import styles from '../console.module.css';
import { CommandParams, initialParams, paramsOf, useParamCheck, type RawParams } from './command-params';
import local from './devices.module.css';
import { localName, type DeviceKind, type DeviceRow } from './lib';
import { useEscapeToClose } from '@/components/use-escape-to-close';

/** The server refuses groups larger than this; the count stops reading past it. */
const GROUP_MAX = 2000;
const PAGE = 100;

/**
 * One command to every enabled device of a kind, optionally narrowed to a zone and/or building
 * (e.g. all street lights of the roads): the count is shown and confirmed before sending.
 */
export function GroupCommandDialog({ tenant, kinds, canBuildings, onClose }: { tenant: string; kinds: DeviceKind[]; canBuildings: boolean; onClose: () => void }) {
  const t = useTranslations('devices.group');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const titleId = useId();
  const { checkAll } = useParamCheck();
  const controllable = useMemo(() => kinds.filter((k) => k.commands.length > 0), [kinds]);
  const [kind, setKind] = useState('');
  const [zone, setZone] = useState('');
  const [buildingId, setBuildingId] = useState('');
  const [commandKey, setCommandKey] = useState('');
  const [raw, setRaw] = useState<RawParams>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [step, setStep] = useState<'form' | 'confirm' | 'done'>('form');

  const def = controllable.find((k) => k.kind === kind);
  const command = def?.commands.find((c) => c.key === commandKey);
  const buildings = useQuery({ ...trpc.tenant.buildings.queryOptions({ tenant, page: 1, pageSize: 100 }), enabled: canBuildings });

  // devices.list has no zone filter: read the kind's devices (per building) page by page and
  // count the zone here. The same rows give the zone suggestions.
  const targets = useQuery({
    queryKey: ['devices', 'groupTargets', tenant, kind, buildingId],
    enabled: !!kind,
    queryFn: async () => {
      const rows: DeviceRow[] = [];
      let total = 0;
      for (let page = 1; ; page++) {
        const r = await client.devices.list.query({ tenant, kind, buildingId: buildingId || undefined, page, pageSize: PAGE });
        rows.push(...r.items);
        total = r.total;
        if (r.items.length < PAGE || rows.length >= total || rows.length > GROUP_MAX) break;
      }
      return { rows, complete: rows.length >= total };
    },
  });
  const zoneText = zone.trim();
  const matching = useMemo(() => (targets.data?.rows ?? []).filter((d) => d.enabled && (!zoneText || d.zone === zoneText)), [targets.data, zoneText]);
  const zones = useMemo(() => [...new Set((targets.data?.rows ?? []).map((d) => d.zone).filter((z): z is string => !!z))].sort(), [targets.data]);
  const count = matching.length;

  const send = useMutation(
    trpc.devices.commandGroup.mutationOptions({
      onSuccess: () => setStep('done'),
      onError: (e) => {
        const fe = fieldErrorsOf(e, locale);
        if (fe.params) setStep('form');
      },
    }),
  );
  const busy = send.isPending;

  useEscapeToClose(onClose, busy);

  const pickKind = (value: string) => {
    setKind(value);
    const first = controllable.find((k) => k.kind === value)?.commands[0];
    setCommandKey(first?.key ?? '');
    setRaw(first ? initialParams(first) : {});
    setErrors({});
    send.reset();
  };
  const pickCommand = (value: string) => {
    setCommandKey(value);
    const c = def?.commands.find((x) => x.key === value);
    setRaw(c ? initialParams(c) : {});
    setErrors({});
    send.reset();
  };
  const setParam = (name: string, value: string | boolean) => {
    setRaw((r) => ({ ...r, [name]: value }));
    setErrors(({ [name]: _dropped, ...rest }) => rest);
  };

  function review(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!kind) found.kind = t('kindRequired');
    if ([...zoneText].length > 40) found.zone = t('zoneTooLong');
    if (command) Object.assign(found, checkAll(command, raw));
    setErrors(found);
    if (Object.keys(found).length || !command) return;
    send.reset();
    setStep('confirm');
  }
  function confirm() {
    if (!command) return;
    send.mutate({ tenant, group: { kind, zone: zoneText || null, buildingId: buildingId || null }, name: command.key, params: paramsOf(command, raw) });
  }

  const serverParams = send.error ? fieldErrorsOf(send.error, locale).params : undefined;
  const buildingName = buildings.data?.items.find((b) => b.id === buildingId)?.name;
  const groupText = [def ? localName(def, locale) : kind, zoneText ? t('inZone', { zone: zoneText }) : null, buildingName ? t('inBuilding', { building: buildingName }) : null].filter(Boolean).join(' · ');
  const example = matching[0];

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="group-dialog">
        <div className={styles.dialogHead}>
          <h2 id={titleId}>{t('title')}</h2>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} disabled={busy} aria-label={tc('cancel')}>
            ✕
          </button>
        </div>

        {step === 'done' && send.data ? (
          <>
            <Notice kind="success">{t('done', { count: send.data.commandIds.length })}</Notice>
            <p className="field-hint">{t('doneHint')}</p>
            {example && (
              <p>
                <Link href={`/c/${tenant}/devices/${example.id}`} data-testid="group-example">
                  {t('seeOne', { name: example.name, code: example.code })}
                </Link>
              </p>
            )}
            <div className={styles.dialogFoot}>
              <button type="button" className="btn" onClick={onClose} autoFocus>
                {t('close')}
              </button>
            </div>
          </>
        ) : step === 'confirm' && command ? (
          <>
            {send.error && <Notice>{errorText(send.error, locale)}</Notice>}
            {targets.isPending || targets.isFetching ? (
              <p className="subtitle">{t('counting')}</p>
            ) : targets.error ? (
              <Notice>{errorText(targets.error, locale)}</Notice>
            ) : count === 0 ? (
              <Notice>{t('noTargets')}</Notice>
            ) : (
              <div data-testid="group-confirm">
                <p>
                  <strong>{targets.data?.complete ? t('confirm', { count }) : t('confirmAtLeast', { count })}</strong>
                </p>
                <dl className={styles.facts}>
                  <dt>{t('group')}</dt>
                  <dd>{groupText}</dd>
                  <dt>{t('command')}</dt>
                  <dd>{localName(command, locale)}</dd>
                  {Object.keys(paramsOf(command, raw)).length > 0 && (
                    <>
                      <dt>{t('params')}</dt>
                      <dd className={styles.mono}>{JSON.stringify(paramsOf(command, raw))}</dd>
                    </>
                  )}
                </dl>
                {count > GROUP_MAX && <Notice>{t('tooMany', { max: GROUP_MAX })}</Notice>}
              </div>
            )}
            <div className={styles.dialogFoot}>
              <button type="button" className="btn btn-ghost" onClick={() => setStep('form')} disabled={busy}>
                {t('back')}
              </button>
              <button type="button" className="btn" onClick={confirm} disabled={busy || count === 0 || count > GROUP_MAX || targets.isFetching} data-testid="group-send">
                {busy ? t('sending') : t('send', { count })}
              </button>
            </div>
          </>
        ) : (
          <form onSubmit={review} noValidate>
            {controllable.length === 0 ? (
              <p className={local.chartEmpty}>{t('noKinds')}</p>
            ) : (
              <>
                <p className="field-hint" style={{ marginBottom: 12 }}>
                  {t('intro')}
                </p>
                <div className="form-grid">
                  <Field label={t('kind')} htmlFor="g-kind" error={errors.kind}>
                    <select id="g-kind" value={kind} onChange={(e) => pickKind(e.target.value)} aria-invalid={!!errors.kind} autoFocus data-testid="group-kind">
                      <option value="">{t('pickKind')}</option>
                      {controllable.map((k) => (
                        <option key={k.kind} value={k.kind}>
                          {localName(k, locale)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={t('zone')} htmlFor="g-zone" error={errors.zone} hint={t('zoneHint')}>
                    <input
                      id="g-zone"
                      value={zone}
                      list="g-zones"
                      maxLength={40}
                      autoComplete="off"
                      onChange={(e) => {
                        setZone(e.target.value);
                        setErrors(({ zone: _z, ...rest }) => rest);
                      }}
                      data-testid="group-zone"
                    />
                  </Field>
                  {canBuildings && (
                    <Field label={t('building')} htmlFor="g-building" hint={t('buildingHint')}>
                      <select id="g-building" value={buildingId} onChange={(e) => setBuildingId(e.target.value)}>
                        <option value="">{t('anyBuilding')}</option>
                        {buildings.data?.items.map((b) => (
                          <option key={b.id} value={b.id}>
                            {b.name}
                          </option>
                        ))}
                      </select>
                    </Field>
                  )}
                  {def && (
                    <Field label={t('command')} htmlFor="g-command">
                      <select id="g-command" value={commandKey} onChange={(e) => pickCommand(e.target.value)} data-testid="group-command">
                        {def.commands.map((c) => (
                          <option key={c.key} value={c.key}>
                            {localName(c, locale)}
                          </option>
                        ))}
                      </select>
                    </Field>
                  )}
                </div>
                <datalist id="g-zones">
                  {zones.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
                {kind && (
                  <p className={local.small} role="status" data-testid="group-count">
                    {targets.isPending ? t('counting') : targets.error ? errorText(targets.error, locale) : t('matching', { count })}
                  </p>
                )}
                {command && (
                  <div style={{ marginTop: 12 }}>
                    <CommandParams def={command} raw={raw} errors={errors} idPrefix="grp" onChange={setParam} onError={(name, er) => setErrors((x) => ({ ...x, [name]: er }))} />
                  </div>
                )}
                {serverParams && <Notice>{serverParams}</Notice>}
              </>
            )}
            <div className={styles.dialogFoot}>
              <button type="button" className="btn btn-ghost" onClick={onClose}>
                {tc('cancel')}
              </button>
              <button type="submit" className="btn" disabled={!command} data-testid="group-review">
                {t('review')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
