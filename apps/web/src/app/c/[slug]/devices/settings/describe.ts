'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useMemo } from 'react';
import type { LinkageAction, LinkageRule } from '@linli/iot/linkage';
import type { AlarmRule } from '@linli/iot/rules/types';
import { formatNumber, localName, type DeviceKind } from '../lib';

const withUnit = (n: number, unit: string | undefined) => (unit ? `${formatNumber(n)} ${unit}` : formatNumber(n));

/** Rules and linkage in words, from the device catalog, in the user's language. */
export function useDescribe(kinds: DeviceKind[], byKind: Map<string, DeviceKind>) {
  const t = useTranslations('devices.settings');
  const ts = useTranslations('devices.severity');
  const tr = useTranslations('common.roles');
  const locale = useLocale();

  const allEvents = useMemo(() => {
    const m = new Map<string, string>();
    for (const k of kinds) for (const e of k.events) if (!m.has(e.key)) m.set(e.key, localName(e, locale));
    return m;
  }, [kinds, locale]);

  const eventName = useCallback(
    (key: string, kindKeys?: string[]) => {
      for (const kk of kindKeys ?? []) {
        const e = byKind.get(kk)?.events.find((x) => x.key === key);
        if (e) return localName(e, locale);
      }
      return allEvents.get(key) ?? key;
    },
    [byKind, allEvents, locale],
  );

  /** "燃气浓度 > 20 %LEL，持续 0 秒，低于 10 恢复" */
  const condition = useCallback(
    (rule: AlarmRule, kind: string) => {
      const def = byKind.get(kind);
      switch (rule.type) {
        case 'threshold': {
          const m = def?.metrics.find((x) => x.key === rule.metric);
          const parts = [
            t('rules.cond.threshold', { metric: m ? localName(m, locale) : rule.metric, op: rule.op, value: withUnit(rule.value, m?.unit) }),
            t('rules.cond.duration', { seconds: rule.minDurationSeconds ?? 0 }),
          ];
          if (rule.clearValue !== undefined) parts.push(t(rule.op === '>' || rule.op === '>=' ? 'rules.cond.clearBelow' : 'rules.cond.clearAbove', { value: formatNumber(rule.clearValue) }));
          return parts.join(t('rules.cond.sep'));
        }
        case 'rate': {
          const m = def?.metrics.find((x) => x.key === rule.metric);
          return t('rules.cond.rate', { metric: m ? localName(m, locale) : rule.metric, value: withUnit(rule.maxChangePerMinute, m?.unit) });
        }
        case 'offline':
          return rule.afterSeconds % 60 === 0 ? t('rules.cond.offlineMinutes', { minutes: rule.afterSeconds / 60 }) : t('rules.cond.offlineSeconds', { seconds: rule.afterSeconds });
        case 'event':
          return t('rules.cond.event', { event: eventName(rule.event, [kind]) });
      }
    },
    [byKind, eventName, locale, t],
  );

  const roleName = useCallback((r: string) => (tr.has(r) ? tr(r) : r), [tr]);

  const action = useCallback(
    (a: LinkageAction) => {
      switch (a.type) {
        case 'broadcast':
          return t('linkage.action.broadcast', { scope: a.scope, priority: a.priority });
        case 'screen':
          return t('linkage.action.screen', { scope: a.scope });
        case 'open_barriers':
          return t('linkage.action.open_barriers', { group: a.group });
        case 'show_cameras':
          return t('linkage.action.show_cameras', { radius: formatNumber(a.radiusMeters) });
        case 'notify':
          return t('linkage.action.notify', { roles: a.roles.map(roleName).join(t('linkage.altSep')) });
      }
    },
    [roleName, t],
  );

  /** "烟感/火灾报警 ≥ 重要 → 本楼应急广播、信息屏…" plus the events it listens to. */
  const linkage = useCallback(
    (rule: LinkageRule) => {
      const kindKeys = rule.trigger.deviceKinds ?? [];
      const kindText = kindKeys.length ? kindKeys.map((k) => (byKind.get(k) ? localName(byKind.get(k)!, locale) : k)).join(t('linkage.altSep')) : t('linkage.anyDevice');
      const sev = ts.has(rule.trigger.minSeverity) ? ts(rule.trigger.minSeverity) : rule.trigger.minSeverity;
      const summary = `${kindText} ${t('linkage.minSeverity', { severity: sev })} ${t('linkage.arrow')} ${rule.actions.map(action).join(t('linkage.listSep'))}`;
      const meta: string[] = [];
      if (rule.trigger.events?.length) meta.push(t('linkage.events', { events: rule.trigger.events.map((e) => eventName(e, kindKeys)).join(t('linkage.listSep')) }));
      if (rule.trigger.ruleIds?.length) {
        const names = rule.trigger.ruleIds.map((id) => {
          const r = kinds.flatMap((k) => k.defaultRules).find((x) => x.id === id);
          return r ? localName(r, locale) : id;
        });
        meta.push(t('linkage.ruleIds', { rules: names.join(t('linkage.listSep')) }));
      }
      return { summary, meta: meta.join(' · ') };
    },
    [action, byKind, eventName, kinds, locale, t, ts],
  );

  return { condition, linkage, eventName, roleName };
}
