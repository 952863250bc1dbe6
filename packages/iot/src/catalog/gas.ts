import { bool, cmd, defineKind, ev, num, threshold } from './define';

// No duration and a wide hysteresis: a leak must raise on the first reading and stay raised
// until the air is clearly safe again.
export const gasDetector = defineKind({
  kind: 'gas_detector',
  fiware: 'Device',
  family: 'gas',
  nameZh: '可燃气体探测器',
  nameEn: 'Combustible gas detector',
  heartbeatSeconds: 300,
  offlineSeverity: 'major',
  metrics: [num('concentration', '燃气浓度', 'Gas concentration', '%LEL', 0, 100)],
  events: [ev('leak', '燃气泄漏', 'Gas leak', 'critical'), ev('sensor_fault', '传感器故障', 'Sensor fault', 'minor')],
  rules: [
    threshold('concentration_high', 'concentration', '>', 20, 'critical', '燃气浓度超标', 'Gas concentration high', {
      clearValue: 10,
    }),
  ],
});

export const gasValve = defineKind({
  kind: 'gas_valve',
  fiware: 'Device',
  family: 'gas',
  nameZh: '燃气紧急切断阀',
  nameEn: 'Gas shut-off valve',
  heartbeatSeconds: 300,
  metrics: [bool('open', '阀门开启', 'Valve open')],
  events: [ev('valve_fault', '阀门故障', 'Valve fault', 'major')],
  commands: [cmd('close', '关阀', 'Close valve'), cmd('open', '开阀', 'Open valve')],
});
