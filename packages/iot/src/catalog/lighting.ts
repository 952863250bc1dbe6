import { bool, cmd, defineKind, ev, num } from './define';

// R5.2.4: remote switching and dimming, lamp faults and cable theft reported by the lamp itself.
export const streetLight = defineKind({
  kind: 'street_light',
  fiware: 'Streetlight',
  family: 'lighting',
  nameZh: '智慧路灯',
  nameEn: 'Smart street light',
  heartbeatSeconds: 300,
  metrics: [bool('on', '开灯', 'On'), num('dim', '调光', 'Dimming level', '%', 0, 100), num('power', '功率', 'Power', 'W', 0, 2000)],
  events: [
    ev('lamp_fault', '灯具故障', 'Lamp fault', 'minor'),
    ev('cable_theft', '电缆被盗', 'Cable theft', 'critical'),
  ],
  commands: [
    cmd('switch', '开关灯', 'Switch on/off', { on: { type: 'boolean', required: true } }),
    cmd('dim', '调光', 'Dim', { level: { type: 'number', min: 0, max: 100, integer: true, required: true } }),
  ],
});
