import type { ParamDef } from './types';
import { bool, cmd, defineKind, ev } from './define';

// Who passed is a reference into the resident/visitor ledger, never a name or ID number.
const passData: Record<string, ParamDef> = {
  method: { type: 'string', enum: ['card', 'qr', 'face'], required: true },
  personRef: { type: 'string', maxLength: 64 },
};

// R5.3.7: pass records are kept at least 180 days, hence retention 'access'.
export const accessGate = defineKind({
  kind: 'access_gate',
  fiware: 'Device',
  family: 'access',
  nameZh: '门禁',
  nameEn: 'Access gate',
  heartbeatSeconds: 300,
  retention: 'access',
  metrics: [bool('door_open', '门已开', 'Door open')],
  events: [
    ev('granted', '通行', 'Access granted', 'info', passData),
    ev('denied', '拒绝通行', 'Access denied', 'info', passData),
    ev('forced', '强行开门', 'Door forced', 'major'),
    ev('held_open', '门长时间未关', 'Door held open', 'minor'),
  ],
  commands: [cmd('open', '远程开门', 'Open')],
});

export const intercom = defineKind({
  kind: 'intercom',
  fiware: 'Device',
  family: 'access',
  nameZh: '可视对讲',
  nameEn: 'Video intercom',
  heartbeatSeconds: 300,
  retention: 'access',
  events: [ev('call', '呼叫', 'Call', 'info'), ev('unlock', '开锁', 'Unlocked', 'info')],
  commands: [cmd('unlock', '远程开锁', 'Unlock')],
});
