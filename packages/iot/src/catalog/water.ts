import { defineKind, ev, num, rate, threshold } from './define';

// Limits at the tap from GB 5749-2022: free chlorine ≥ 0.05 mg/L, turbidity ≤ 1 NTU, pH 6.5–8.5.
// Ten minutes of breach before raising: the dosing pump cycles and single samples bounce.
export const waterQuality = defineKind({
  kind: 'water_quality',
  fiware: 'WaterQualityObserved',
  family: 'water',
  nameZh: '水质监测仪',
  nameEn: 'Water quality monitor',
  heartbeatSeconds: 300,
  metrics: [
    num('residual_chlorine', '余氯', 'Residual chlorine', 'mg/L', 0, 20),
    num('turbidity', '浊度', 'Turbidity', 'NTU', 0, 4000),
    num('ph', 'pH 值', 'pH', 'pH', 0, 14),
    num('temperature', '水温', 'Water temperature', '°C', 0, 100),
  ],
  events: [ev('sensor_fault', '传感器故障', 'Sensor fault', 'minor')],
  rules: [
    threshold('chlorine_low', 'residual_chlorine', '<', 0.05, 'major', '余氯不足', 'Residual chlorine too low', {
      clearValue: 0.08,
      minDurationSeconds: 600,
    }),
    threshold('turbidity_high', 'turbidity', '>', 1, 'major', '浊度超标', 'Turbidity too high', {
      clearValue: 0.8,
      minDurationSeconds: 600,
    }),
    threshold('ph_low', 'ph', '<', 6.5, 'major', 'pH 偏低', 'pH too low', { clearValue: 6.6, minDurationSeconds: 600 }),
    threshold('ph_high', 'ph', '>', 8.5, 'major', 'pH 偏高', 'pH too high', { clearValue: 8.4, minDurationSeconds: 600 }),
  ],
});

export const waterFlow = defineKind({
  kind: 'water_flow',
  fiware: 'Pipe',
  family: 'water',
  nameZh: '管网流量计',
  nameEn: 'Pipe flow meter',
  heartbeatSeconds: 300,
  metrics: [
    num('flow', '瞬时流量', 'Flow rate', 'm³/h', 0, 10_000),
    num('total', '累计流量', 'Total volume', 'm³', 0, 1e10),
  ],
  events: [
    ev('empty_pipe', '空管', 'Empty pipe', 'minor'),
    ev('reverse_flow', '反向流动', 'Reverse flow', 'minor'),
  ],
  // A burst main shows as a jump in flow long before anyone reports it.
  rules: [rate('flow_surge', 'flow', 50, 'major', '流量突增（疑似爆管）', 'Flow surge (possible burst main)')],
});

// GB 50015: fixtures take at most 0.6 MPa; below ~0.14 MPa upper floors run dry.
export const waterPressure = defineKind({
  kind: 'water_pressure',
  fiware: 'Junction',
  family: 'water',
  nameZh: '管网压力计',
  nameEn: 'Pipe pressure gauge',
  heartbeatSeconds: 300,
  metrics: [num('pressure', '水压', 'Pressure', 'MPa', 0, 2.5)],
  rules: [
    threshold('pressure_low', 'pressure', '<', 0.14, 'minor', '水压偏低', 'Water pressure low', {
      clearValue: 0.16,
      minDurationSeconds: 300,
    }),
    threshold('pressure_high', 'pressure', '>', 0.6, 'major', '水压过高', 'Water pressure too high', {
      clearValue: 0.55,
      minDurationSeconds: 60,
    }),
    rate('pressure_jump', 'pressure', 0.1, 'major', '水压骤变（疑似爆管或水锤）', 'Sudden pressure change (burst or water hammer)'),
  ],
});

export const tankLevel = defineKind({
  kind: 'tank_level',
  fiware: 'Tank',
  family: 'water',
  nameZh: '水箱液位计',
  nameEn: 'Tank level sensor',
  heartbeatSeconds: 300,
  metrics: [num('level', '液位', 'Level', 'm', 0, 30), num('level_pct', '液位百分比', 'Level', '%', 0, 100)],
  rules: [
    threshold('level_low', 'level_pct', '<', 20, 'major', '水箱液位过低', 'Tank level low', {
      clearValue: 25,
      minDurationSeconds: 120,
    }),
    threshold('level_high', 'level_pct', '>', 95, 'minor', '水箱液位过高（可能溢流）', 'Tank level high (may overflow)', {
      clearValue: 90,
      minDurationSeconds: 120,
    }),
  ],
});
