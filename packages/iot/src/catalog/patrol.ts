import { defineKind, ev } from './define';

export const patrolPoint = defineKind({
  kind: 'patrol_point',
  fiware: 'Device',
  family: 'patrol',
  nameZh: '巡更点',
  nameEn: 'Patrol checkpoint',
  heartbeatSeconds: 3600,
  events: [ev('checked_in', '巡更打卡', 'Guard checked in', 'info', { guardRef: { type: 'string', required: true, minLength: 1, maxLength: 64 } })],
});
