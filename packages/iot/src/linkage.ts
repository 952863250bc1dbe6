import { CATALOG } from './catalog/index';
import type { Bilingual } from './catalog/params';
import { severityAtLeast, type Severity } from './severity';

export type Priority = 'emergency' | 'normal';

export type LinkageAction =
  | { type: 'broadcast'; scope: 'building' | 'community'; message: Bilingual; priority: Priority }
  | { type: 'screen'; scope: 'building' | 'community'; title: Bilingual; body: Bilingual; priority?: Priority }
  | { type: 'open_barriers'; group: 'fire_lane' | 'all' }
  | { type: 'show_cameras'; radiusMeters: number }
  | { type: 'notify'; roles: string[] };

export interface LinkageRule {
  id: string;
  nameZh: string;
  nameEn: string;
  enabled: boolean;
  /** Kinds narrow the match; events and rule ids are alternatives (either may match). */
  trigger: { deviceKinds?: string[]; events?: string[]; ruleIds?: string[]; minSeverity: Severity };
  actions: LinkageAction[];
}

export interface LinkageAlarm {
  deviceKind: string;
  ruleId: string;
  event?: string;
  severity: Severity;
}

// R5.3.1: a fire alarm reaches people in the building within seconds, by every channel at once.
const FIRE: LinkageRule = {
  id: 'builtin.fire',
  nameZh: '火警联动',
  nameEn: 'Fire alarm response',
  enabled: true,
  trigger: {
    deviceKinds: ['smoke_detector', 'fire_panel'],
    events: ['smoke_alarm', 'heat_alarm', 'fire_alarm'],
    minSeverity: 'major',
  },
  actions: [
    {
      type: 'broadcast',
      scope: 'building',
      priority: 'emergency',
      message: {
        zh: '紧急通知：{building}发生火警。请保持冷静，用湿毛巾捂住口鼻，沿楼梯按疏散指示有序撤离，切勿乘坐电梯。',
        en: 'Emergency: fire alarm in {building}. Stay calm, cover your nose and mouth, and leave by the stairs following the exit signs. Do not use the lifts.',
      },
    },
    {
      type: 'screen',
      scope: 'building',
      priority: 'emergency',
      title: { zh: '火警：{building}', en: 'Fire alarm: {building}' },
      body: {
        zh: '{building}发生火警，请沿疏散通道撤离，切勿乘坐电梯；车辆请让出消防通道。',
        en: 'Fire alarm in {building}. Leave by the exit routes and do not use the lifts. Drivers: keep the fire lanes clear.',
      },
    },
    { type: 'show_cameras', radiusMeters: 100 },
    { type: 'open_barriers', group: 'fire_lane' },
    { type: 'notify', roles: ['property_admin', 'security_guard'] },
  ],
};

// A camera's smoke guess is verified by a guard before anyone is told to evacuate.
const AI_FIRE_SMOKE: LinkageRule = {
  id: 'builtin.ai_fire_smoke',
  nameZh: '视频烟火识别联动',
  nameEn: 'Camera fire/smoke response',
  enabled: true,
  trigger: { deviceKinds: ['camera_ai'], events: ['fire_smoke'], minSeverity: 'major' },
  actions: [
    { type: 'show_cameras', radiusMeters: 50 },
    { type: 'notify', roles: ['security_guard', 'property_admin'] },
  ],
};

const GAS_LEAK: LinkageRule = {
  id: 'builtin.gas_leak',
  nameZh: '燃气泄漏联动',
  nameEn: 'Gas leak response',
  enabled: true,
  trigger: { deviceKinds: ['gas_detector'], events: ['leak'], ruleIds: ['gas_detector.concentration_high'], minSeverity: 'critical' },
  actions: [
    { type: 'show_cameras', radiusMeters: 50 },
    { type: 'notify', roles: ['property_admin', 'security_guard', 'technician'] },
  ],
};

const INTRUSION: LinkageRule = {
  id: 'builtin.perimeter_intrusion',
  nameZh: '周界入侵联动',
  nameEn: 'Perimeter intrusion response',
  enabled: true,
  trigger: { deviceKinds: ['perimeter'], events: ['intrusion', 'wire_cut'], minSeverity: 'major' },
  actions: [
    { type: 'show_cameras', radiusMeters: 100 },
    { type: 'notify', roles: ['security_guard'] },
  ],
};

export const BUILTIN_LINKAGE: LinkageRule[] = [FIRE, AI_FIRE_SMOKE, GAS_LEAK, INTRUSION];

function listMatches(list: string[] | undefined, value: string | undefined): boolean {
  return value !== undefined && list !== undefined && list.includes(value);
}

function triggers(rule: LinkageRule, alarm: LinkageAlarm): boolean {
  const { deviceKinds, events, ruleIds, minSeverity } = rule.trigger;
  if (!severityAtLeast(alarm.severity, minSeverity)) return false;
  if (deviceKinds?.length && !deviceKinds.includes(alarm.deviceKind)) return false;
  const hasSelector = Boolean(events?.length) || Boolean(ruleIds?.length);
  return !hasSelector || listMatches(events, alarm.event) || listMatches(ruleIds, alarm.ruleId);
}

export function matchLinkage(rules: LinkageRule[], alarm: LinkageAlarm): Array<{ ruleId: string; action: LinkageAction }> {
  return rules
    .filter((rule) => rule.enabled && triggers(rule, alarm))
    .flatMap((rule) => rule.actions.map((action) => ({ ruleId: rule.id, action })));
}

export interface LinkageTargets {
  broadcastZones: Array<{ deviceId: string; buildingId: string | null }>;
  screens: Array<{ deviceId: string; buildingId: string | null }>;
  barriers: Array<{ deviceId: string; group: string }>;
}

export interface LinkageContext {
  buildingId: string | null;
  buildingName: string;
  locale?: 'zh-CN' | 'en';
}

export interface PlannedCommand {
  deviceId: string;
  name: string;
  params: Record<string, unknown>;
}

function maxLength(kind: string, command: string, param: string): number {
  return CATALOG[kind]?.commands.find((c) => c.key === command)?.params[param]?.maxLength ?? Infinity;
}

function render(text: Bilingual, context: LinkageContext, limit: number): string {
  const en = context.locale === 'en';
  const building = context.buildingName.trim() || (en ? 'the community' : '本小区');
  const filled = (en ? text.en : text.zh).replaceAll('{building}', building);
  // A long building name must not push the command past the device's limit and get it refused.
  return [...filled].slice(0, limit).join('');
}

/**
 * Building scope goes to the building's own devices. An emergency with no device there (or no
 * known building) goes to every device: a fire warning heard too widely beats one nobody hears.
 */
function inScope<T extends { deviceId: string; buildingId: string | null }>(
  targets: T[],
  scope: 'building' | 'community',
  context: LinkageContext,
  priority: Priority,
): T[] {
  if (scope === 'community') return targets;
  const local = context.buildingId === null ? [] : targets.filter((t) => t.buildingId === context.buildingId);
  return local.length > 0 || priority !== 'emergency' ? local : targets;
}

function uniqueByDevice(commands: PlannedCommand[]): PlannedCommand[] {
  const byDevice = new Map<string, PlannedCommand>();
  for (const c of commands) if (!byDevice.has(c.deviceId)) byDevice.set(c.deviceId, c);
  return [...byDevice.values()];
}

/** Device commands for an action; camera and notify actions are for people, so they yield none. */
export function planCommands(action: LinkageAction, targets: LinkageTargets, context: LinkageContext): PlannedCommand[] {
  switch (action.type) {
    case 'broadcast': {
      const message = render(action.message, context, maxLength('broadcast_zone', 'broadcast', 'message'));
      const params = { message, priority: action.priority, repeat: action.priority === 'emergency' ? 3 : 1 };
      return uniqueByDevice(
        inScope(targets.broadcastZones, action.scope, context, action.priority).map((z) => ({ deviceId: z.deviceId, name: 'broadcast', params: { ...params } })),
      );
    }
    case 'screen': {
      const priority = action.priority ?? 'normal';
      const params = {
        title: render(action.title, context, maxLength('info_screen', 'publish', 'title')),
        body: render(action.body, context, maxLength('info_screen', 'publish', 'body')),
        priority,
      };
      return uniqueByDevice(
        inScope(targets.screens, action.scope, context, priority).map((s) => ({ deviceId: s.deviceId, name: 'publish', params: { ...params } })),
      );
    }
    case 'open_barriers':
      return uniqueByDevice(
        targets.barriers
          .filter((b) => action.group === 'all' || b.group === action.group)
          .map((b) => ({ deviceId: b.deviceId, name: 'open', params: {} })),
      );
    case 'show_cameras':
    case 'notify':
      return [];
  }
}
