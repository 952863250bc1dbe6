import { bool, defineKind, ev, num, threshold } from './define';

// Battery NB-IoT smoke detectors report hourly to last years on one cell.
export const smokeDetector = defineKind({
  kind: 'smoke_detector',
  fiware: 'Device',
  family: 'fire',
  nameZh: '独立式烟感探测器',
  nameEn: 'Smoke detector',
  heartbeatSeconds: 3600,
  offlineSeverity: 'major',
  metrics: [
    num('smoke', '烟雾减光率', 'Smoke obscuration', '%/m', 0, 100),
    num('temperature', '温度', 'Temperature', '°C', -40, 125),
    num('battery', '电量', 'Battery', '%', 0, 100),
  ],
  events: [
    ev('smoke_alarm', '烟雾报警', 'Smoke alarm', 'critical'),
    ev('heat_alarm', '温度报警', 'Heat alarm', 'critical'),
    ev('tamper', '防拆报警', 'Tamper', 'major'),
    ev('low_battery', '电量低', 'Low battery', 'minor'),
  ],
  rules: [threshold('battery_low', 'battery', '<', 20, 'minor', '电量偏低', 'Battery low', { clearValue: 30 })],
});

// GB 50084: the least favourable sprinkler needs at least 0.05 MPa.
export const firePanel = defineKind({
  kind: 'fire_panel',
  fiware: 'Device',
  family: 'fire',
  nameZh: '火灾报警控制器',
  nameEn: 'Fire alarm control panel',
  heartbeatSeconds: 60,
  offlineSeverity: 'major',
  metrics: [bool('pump_running', '消防泵运行', 'Fire pump running'), num('sprinkler_pressure', '喷淋管网压力', 'Sprinkler pressure', 'MPa', 0, 2.5)],
  events: [
    ev('fire_alarm', '火警', 'Fire alarm', 'critical'),
    ev('fault', '故障', 'Fault', 'major'),
    ev('supervisory', '监管报警', 'Supervisory signal', 'minor'),
  ],
  rules: [
    threshold('sprinkler_pressure_low', 'sprinkler_pressure', '<', 0.05, 'major', '喷淋压力不足', 'Sprinkler pressure low', {
      clearValue: 0.07,
      minDurationSeconds: 60,
    }),
  ],
});
