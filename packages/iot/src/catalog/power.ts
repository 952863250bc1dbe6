import { bool, cmd, defineKind, ev, num, threshold } from './define';

// ±7 % of 220 V as the platform default; GB/T 12325 lets single-phase supply sag to −10 %,
// so a tenant on a weak feeder can widen the low bound through a rule override.
const NOMINAL_V = 220;

export const powerMeter = defineKind({
  kind: 'power_meter',
  fiware: 'ACMeasurement',
  family: 'power',
  nameZh: '配电监测终端',
  nameEn: 'Power distribution meter',
  heartbeatSeconds: 60,
  metrics: [
    num('voltage', '电压', 'Voltage', 'V', 0, 500),
    num('current', '电流', 'Current', 'A', 0, 5000),
    num('power', '有功功率', 'Active power', 'kW', -5000, 5000),
    num('energy', '电能', 'Energy', 'kWh', 0, 1e10),
    bool('tripped', '已跳闸', 'Tripped'),
  ],
  events: [
    ev('trip', '断路器跳闸', 'Breaker tripped', 'major'),
    ev('power_loss', '失电', 'Power lost', 'major'),
    ev('overload', '过载', 'Overload', 'major'),
  ],
  commands: [cmd('trip', '远程分闸', 'Trip breaker'), cmd('reset', '远程合闸', 'Reset breaker')],
  rules: [
    threshold('voltage_high', 'voltage', '>', +(NOMINAL_V * 1.07).toFixed(1), 'minor', '电压偏高', 'Voltage high', {
      clearValue: 233,
      minDurationSeconds: 60,
    }),
    threshold('voltage_low', 'voltage', '<', +(NOMINAL_V * 0.93).toFixed(1), 'minor', '电压偏低', 'Voltage low', {
      clearValue: 207,
      minDurationSeconds: 60,
    }),
  ],
});
