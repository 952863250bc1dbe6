import type { LinkageAction } from '@linli/iot/linkage';

// The linkage form's model of one action, and its conversion to and from a rule's action.

export const ACTION_TYPES = ['broadcast', 'screen', 'open_barriers', 'show_cameras', 'notify'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
/** Roles a linkage rule may notify: the community's own staff. */
export const NOTIFY_ROLES = ['property_admin', 'property_staff', 'security_guard', 'technician', 'grid_worker', 'committee_staff'] as const;

/** One action as edited: every type's fields side by side, text as typed. */
export interface ActionForm {
  key: number;
  type: ActionType;
  scope: 'building' | 'community';
  priority: 'emergency' | 'normal';
  messageZh: string;
  messageEn: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  group: 'fire_lane' | 'all';
  radius: string;
  roles: string[];
}
export type TextField = 'messageZh' | 'messageEn' | 'titleZh' | 'titleEn' | 'bodyZh' | 'bodyEn';

export const blank = (key: number, type: ActionType): ActionForm => ({
  key,
  type,
  scope: 'building',
  priority: type === 'broadcast' ? 'emergency' : 'normal',
  messageZh: '',
  messageEn: '',
  titleZh: '',
  titleEn: '',
  bodyZh: '',
  bodyEn: '',
  group: 'fire_lane',
  radius: '100',
  roles: type === 'notify' ? ['property_admin'] : [],
});

export function fromAction(a: LinkageAction, key: number): ActionForm {
  const f = blank(key, a.type);
  switch (a.type) {
    case 'broadcast':
      return { ...f, scope: a.scope, priority: a.priority, messageZh: a.message.zh, messageEn: a.message.en };
    case 'screen':
      return { ...f, scope: a.scope, priority: a.priority ?? 'normal', titleZh: a.title.zh, titleEn: a.title.en, bodyZh: a.body.zh, bodyEn: a.body.en };
    case 'open_barriers':
      return { ...f, group: a.group };
    case 'show_cameras':
      return { ...f, radius: String(a.radiusMeters) };
    case 'notify':
      return { ...f, roles: [...a.roles] };
  }
}

export function toAction(f: ActionForm): LinkageAction {
  switch (f.type) {
    case 'broadcast':
      return { type: 'broadcast', scope: f.scope, priority: f.priority, message: { zh: f.messageZh.trim(), en: f.messageEn.trim() } };
    case 'screen':
      return { type: 'screen', scope: f.scope, priority: f.priority, title: { zh: f.titleZh.trim(), en: f.titleEn.trim() }, body: { zh: f.bodyZh.trim(), en: f.bodyEn.trim() } };
    case 'open_barriers':
      return { type: 'open_barriers', group: f.group };
    case 'show_cameras':
      return { type: 'show_cameras', radiusMeters: Number(f.radius) };
    case 'notify':
      return { type: 'notify', roles: f.roles };
  }
}

export const toggleIn = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((x) => x !== value));
