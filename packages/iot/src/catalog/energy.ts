import { defineKind, ev, num, rate } from './define';

// R5.3.3: per-household/per-building meters for the four utilities; readings are cumulative.
const tamper = ev('tamper', '表计被拆或磁干扰', 'Tamper or magnetic interference', 'major');
// Water, gas and heat meters run on batteries; electricity meters are powered by what they meter.
const meterEvents = [tamper, ev('low_battery', '电量低', 'Low battery', 'minor')];

export const meterElectricity = defineKind({
  kind: 'meter_electricity',
  fiware: 'SmartMeteringObservation',
  family: 'energy',
  nameZh: '智能电表',
  nameEn: 'Electricity meter',
  heartbeatSeconds: 900,
  metrics: [num('energy', '累计电量', 'Energy', 'kWh', 0, 1e10)],
  events: [tamper],
});

// A household draws at most a few litres a second; more than 1 m³ a minute is a burst pipe.
export const meterWater = defineKind({
  kind: 'meter_water',
  fiware: 'WaterConsumptionObserved',
  family: 'energy',
  nameZh: '智能水表',
  nameEn: 'Water meter',
  heartbeatSeconds: 900,
  metrics: [num('volume', '累计用水量', 'Volume', 'm³', 0, 1e9)],
  events: meterEvents,
  rules: [rate('volume_surge', 'volume', 1, 'major', '用水量突增（疑似漏水）', 'Water use surge (possible leak)')],
});

export const meterGas = defineKind({
  kind: 'meter_gas',
  fiware: 'SmartMeteringObservation',
  family: 'energy',
  nameZh: '智能燃气表',
  nameEn: 'Gas meter',
  heartbeatSeconds: 900,
  metrics: [num('volume', '累计用气量', 'Volume', 'm³', 0, 1e9)],
  events: meterEvents,
});

export const meterHeat = defineKind({
  kind: 'meter_heat',
  fiware: 'SmartMeteringObservation',
  family: 'energy',
  nameZh: '热量表',
  nameEn: 'Heat meter',
  heartbeatSeconds: 900,
  metrics: [
    num('heat', '累计热量', 'Heat', 'GJ', 0, 1e9),
    num('supply_temp', '供水温度', 'Supply temperature', '°C', 0, 150),
    num('return_temp', '回水温度', 'Return temperature', '°C', 0, 150),
  ],
  events: meterEvents,
});
