'use client';
import { useMutation } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import type { CommandDef } from '@linli/iot/catalog/types';
import { CommandParams, initialParams, paramsOf, useParamCheck, type RawParams } from '../command-params';
import local from '../devices.module.css';
import { localName } from '../lib';
import detail from './detail.module.css';

/** One command of the device's kind as a form: inputs from its parameter definitions, checked as typed. */
function CommandForm({ tenant, deviceId, def, disabled, onSent }: { tenant: string; deviceId: string; def: CommandDef; disabled: boolean; onSent: (id: string) => void }) {
  const t = useTranslations('devices.command');
  const locale = useLocale();
  const trpc = useTRPC();
  const { checkAll } = useParamCheck();
  const [raw, setRaw] = useState<RawParams>(() => initialParams(def));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const send = useMutation(
    trpc.devices.command.mutationOptions({
      onSuccess: (r) => {
        setSent(true);
        onSent(r.id);
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = checkAll(def, raw);
    setErrors(found);
    setSent(false);
    if (Object.keys(found).length) return;
    send.mutate({ tenant, deviceId, name: def.key, params: paramsOf(def, raw) });
  }
  const set = (name: string, value: string | boolean) => {
    setRaw((r) => ({ ...r, [name]: value }));
    setErrors(({ [name]: _dropped, ...rest }) => rest);
    setSent(false);
  };

  return (
    <form className={detail.commandForm} onSubmit={submit} noValidate data-testid={`command-${def.key}`}>
      <h3>
        {localName(def, locale)} <span className={local.small}>{def.key}</span>
      </h3>
      <CommandParams def={def} raw={raw} errors={errors} idPrefix="cmd" onChange={set} onError={(name, er) => setErrors((x) => ({ ...x, [name]: er }))} />
      {send.error && <Notice>{errorText(send.error, locale)}</Notice>}
      <div className={detail.commandFoot}>
        {sent && !send.isPending && (
          <span className={local.small} role="status">
            {t('queued')}
          </span>
        )}
        <button type="submit" className="btn btn-small" disabled={disabled || send.isPending}>
          {send.isPending ? t('sending') : t('send')}
        </button>
      </div>
    </form>
  );
}

/** Commands of this device's kind (devices.control only). */
export function CommandPanel({ tenant, deviceId, commands, enabled, onSent }: { tenant: string; deviceId: string; commands: CommandDef[]; enabled: boolean; onSent: (id: string) => void }) {
  const t = useTranslations('devices.command');
  return (
    <section className="card" data-testid="command-panel">
      <h2>{t('title')}</h2>
      {!enabled && <Notice kind="info">{t('disabledDevice')}</Notice>}
      {commands.length === 0 ? (
        <p className={local.chartEmpty}>{t('none')}</p>
      ) : (
        <>
          <p className="field-hint">{t('hint')}</p>
          <div className={detail.commands}>
            {commands.map((c) => (
              <CommandForm key={c.key} tenant={tenant} deviceId={deviceId} def={c} disabled={!enabled} onSent={onSent} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
