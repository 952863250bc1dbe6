'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { ConfirmDialog } from '../confirm-dialog';
import local from '../devices.module.css';
import { useCatalog, useLive } from '../hooks';
import { SecretsDialog, type IssuedSecret } from '../secrets-dialog';
import { CommandHistory, type LiveCommand } from './command-history';
import { CommandPanel } from './command-panel';
import { DeviceAlarms } from './device-alarms';
import { DeviceEvents } from './device-events';
import { DeviceHeader } from './device-header';
import { CurrentValues, MetricTrend } from './device-readings';
import { EditDeviceDialog } from './edit-dialog';
import detail from './detail.module.css';

const HOURS = 24;
const COMMAND_PAGE = 10;

/** One device: ledger facts, live values, a 24 h trend, events, alarms, commands and controls. */
export function DeviceView({ tenant, tenantId, deviceId, canManage, canControl }: { tenant: string; tenantId: string; deviceId: string; canManage: boolean; canControl: boolean }) {
  const t = useTranslations('devices.detail');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const catalog = useCatalog(tenant);
  const [metric, setMetric] = useState('');
  const [cmdPage, setCmdPage] = useState(1);
  const [confirm, setConfirm] = useState<'enable' | 'disable' | 'rotate' | null>(null);
  const [secret, setSecret] = useState<IssuedSecret | null>(null);
  const [editing, setEditing] = useState(false);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  // Live command results arrive before the list is re-read: shown at once over the stored row.
  const [liveCommands, setLiveCommands] = useState<Record<string, LiveCommand>>({});

  const query = useQuery({ ...trpc.devices.detail.queryOptions({ tenant, deviceId, hours: HOURS }), refetchInterval: 60_000 });
  const commands = useQuery({ ...trpc.devices.commands.queryOptions({ tenant, deviceId, page: cmdPage, pageSize: COMMAND_PAGE }), placeholderData: keepPreviousData });
  const invalidateDetail = () => void queryClient.invalidateQueries({ queryKey: trpc.devices.detail.queryKey({ tenant, deviceId, hours: HOURS }) });
  const invalidateCommands = () => void queryClient.invalidateQueries({ queryKey: trpc.devices.commands.queryKey() });
  const live = useLive(tenant, (e) => {
    if (e.type === 'field' || e.deviceId !== deviceId) return;
    if (e.type === 'command') {
      setLiveCommands((m) => ({ ...m, [e.commandId]: { state: e.state, latencyMs: e.latencyMs } }));
      invalidateCommands();
    } else invalidateDetail();
  });

  const setEnabled = useMutation(
    trpc.devices.setEnabled.mutationOptions({
      onSuccess: () => {
        setConfirm(null);
        invalidateDetail();
        void queryClient.invalidateQueries({ queryKey: trpc.devices.list.queryKey() });
      },
    }),
  );
  const rotate = useMutation(
    trpc.devices.rotateSecret.mutationOptions({
      onSuccess: (r) => {
        setConfirm(null);
        setSecret(r);
      },
    }),
  );

  const data = query.data;
  const kind = data ? catalog.byKind.get(data.device.kind) : undefined;
  const numeric = useMemo(() => (kind?.metrics ?? []).filter((m) => m.type === 'number'), [kind]);
  const chosen = numeric.find((m) => m.key === metric) ?? numeric.find((m) => data?.readings.some((r) => typeof r.metrics[m.key] === 'number')) ?? numeric[0];
  const points = useMemo(
    () =>
      chosen && data
        ? data.readings.flatMap((r) => {
            const v = r.metrics[chosen.key];
            return typeof v === 'number' ? [{ t: new Date(r.ts).getTime(), v }] : [];
          })
        : [],
    [chosen, data],
  );

  const back = (
    <Link href={`/c/${tenant}/devices`} className={detail.crumb}>
      ← {t('back')}
    </Link>
  );
  if (query.error) {
    return (
      <>
        {back}
        <Notice>
          {errorText(query.error, locale)}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => query.refetch()}>
            {tc('retry')}
          </button>
        </Notice>
      </>
    );
  }
  if (!data) {
    return (
      <>
        {back}
        <p className="subtitle">{tc('loading')}</p>
      </>
    );
  }

  const { device, state } = data;
  const now = Date.now();
  const mutationError = setEnabled.error ?? rotate.error;

  return (
    <>
      {back}
      <DeviceHeader
        data={data}
        kind={kind}
        kindName={catalog.kindName(device.kind)}
        live={live}
        canManage={canManage}
        onEdit={() => setEditing(true)}
        onConfirm={setConfirm}
      />

      {!device.enabled && <Notice kind="info">{t('disabledNotice')}</Notice>}

      <div className={local.chartGrid}>
        <CurrentValues kind={kind} state={state} />
        <MetricTrend hours={HOURS} numeric={numeric} chosen={chosen} points={points} now={now} onMetric={setMetric} />
      </div>

      {canControl && kind && (
        <CommandPanel
          tenant={tenant}
          deviceId={deviceId}
          commands={kind.commands}
          enabled={device.enabled}
          onSent={(id) => {
            setFresh((s) => new Set(s).add(id));
            setCmdPage(1);
            invalidateCommands();
          }}
        />
      )}

      <CommandHistory
        kind={kind}
        data={commands.data}
        error={commands.error}
        pageSize={COMMAND_PAGE}
        canControl={canControl}
        liveCommands={liveCommands}
        fresh={fresh}
        onPage={setCmdPage}
      />

      <div className={local.chartGrid}>
        <DeviceAlarms tenant={tenant} alarms={data.alarms} />
        <DeviceEvents kind={kind} events={data.events} />
      </div>

      {confirm && (
        <ConfirmDialog
          title={confirm === 'rotate' ? t('rotateTitle') : confirm === 'disable' ? t('disableTitle') : t('enableTitle')}
          body={confirm === 'rotate' ? t('rotateBody') : confirm === 'disable' ? t('disableBody') : t('enableBody')}
          confirm={confirm === 'rotate' ? t('rotate') : confirm === 'disable' ? t('disable') : t('enable')}
          danger={confirm !== 'enable'}
          busy={setEnabled.isPending || rotate.isPending}
          error={mutationError ? errorText(mutationError, locale) : null}
          onClose={() => {
            setConfirm(null);
            setEnabled.reset();
            rotate.reset();
          }}
          onConfirm={() => (confirm === 'rotate' ? rotate.mutate({ tenant, deviceId }) : setEnabled.mutate({ tenant, deviceId, enabled: confirm === 'enable' }))}
        />
      )}
      {editing && (
        <EditDeviceDialog
          tenant={tenant}
          device={device}
          kindName={catalog.kindName(device.kind)}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            invalidateDetail();
            void queryClient.invalidateQueries({ queryKey: trpc.devices.list.queryKey() });
          }}
        />
      )}
      {secret && <SecretsDialog tenantId={tenantId} secrets={[secret]} rotated onClose={() => setSecret(null)} />}
    </>
  );
}
