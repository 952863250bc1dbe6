'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { LocaleSwitch } from '@/components/locale-switch';
import { openFieldDb } from '../db';
import { PhotoUploader } from '../photos/uploader';
import { watchOfflineApp } from '../sw/readiness';
import { deviceId, type FieldUser } from '../session';
import { SyncEngine } from '../sync/engine';
import { createFieldTransport } from '../sync/transport';
import { actorOf, FieldProvider, useField, useHashRoute, type FieldCtx } from './context';
import { HazardsView } from './hazards';
import { PatrolsView } from './patrols';
import { StatusBar } from './status-bar';
import { TasksView } from './tasks';
import { VisitsView } from './visits';
import s from './field.module.css';

const TABS = ['patrols', 'tasks', 'hazards', 'visits'] as const;
type Tab = (typeof TABS)[number];

export function FieldApp({ user: served }: { user: FieldUser }) {
  const t = useTranslations('field');
  const [ctx, setCtx] = useState<FieldCtx | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    // The page came from the network or, offline, from the shell the service worker cached; either
    // way it names the worker. Each worker has their own database, so a shared tablet keeps them apart.
    const user = served;
    let stopped = false;
    let cleanup: (() => void) | null = null;
    openFieldDb(user.id)
      .then((db) => {
        if (stopped) return;
        const engine = new SyncEngine(db, createFieldTransport(), user.id, deviceId());
        const uploader = new PhotoUploader(db, engine, user.id);
        engine.start();
        uploader.start();
        // The service worker that keeps the app on the tablet: until it is active the bar says
        // offline use is not ready yet, rather than "synced".
        const stopWatching = watchOfflineApp((offlineApp) => engine.update({ offlineApp }));
        cleanup = () => {
          stopWatching();
          uploader.stop();
          void engine.stop();
        };
        setCtx({ user, actor: actorOf(user), db, engine, uploader });
        // A handle for diagnostics on a tablet (DevTools) and for bench/field-*.ts.
        (window as unknown as { linliField?: unknown }).linliField = { db, engine, user };
      })
      .catch((e: unknown) => setFailure(String((e as Error).message ?? e)));
    return () => {
      stopped = true;
      cleanup?.();
    };
    // Keyed by the worker, not the props object: a language switch re-renders the page with equal
    // props, and must not close and reopen the database and replication.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [served.id, served.tenantId]);

  if (failure) return <div className="notice notice-error" role="alert">{t('dbFailed', { error: failure })}</div>;
  if (!ctx) return <div className="empty" role="status">{t('opening')}</div>;
  return (
    <FieldProvider value={ctx}>
      <Shell />
    </FieldProvider>
  );
}

function Shell() {
  const t = useTranslations('field');
  const [route, go] = useHashRoute();
  const tab: Tab = (TABS as readonly string[]).includes(route[0] ?? '') ? (route[0] as Tab) : 'patrols';
  const rest = route.slice(1);
  return (
    <div className={s.app}>
      <header className={s.top}>
        <span className="brand">
          <span className="brand-mark">邻</span> {t('title')}
        </span>
        <FieldWho />
        <LocaleSwitch />
      </header>
      <StatusBar />
      <nav className={s.tabs} aria-label={t('title')}>
        {TABS.map((k) => (
          <button key={k} type="button" className={`${s.tab} ${tab === k ? s.tabActive : ''}`} aria-current={tab === k ? 'page' : undefined} onClick={() => go(k)} data-testid={`tab-${k}`}>
            {t(`tabs.${k}`)}
          </button>
        ))}
      </nav>
      <main className={s.main}>
        {tab === 'patrols' && <PatrolsView path={rest} go={(p) => go(`patrols${p ? `/${p}` : ''}`)} />}
        {tab === 'tasks' && <TasksView path={rest} go={(p) => go(`tasks${p ? `/${p}` : ''}`)} />}
        {tab === 'hazards' && <HazardsView path={rest} go={(p) => go(`hazards${p ? `/${p}` : ''}`)} />}
        {tab === 'visits' && <VisitsView path={rest} go={(p) => go(`visits${p ? `/${p}` : ''}`)} />}
      </main>
    </div>
  );
}

function FieldWho() {
  const t = useTranslations('field');
  const { user } = useField();
  return (
    <span className={s.who} data-testid="field-user">
      {user.displayName} · {user.tenantName} · {t(`roles.${user.role}`)}
    </span>
  );
}
