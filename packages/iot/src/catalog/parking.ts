import type { ParamDef } from './types';
import { bool, cmd, defineKind, ev } from './define';

const plateData: Record<string, ParamDef> = {
  plate: { type: 'string', required: true, minLength: 1, maxLength: 16 },
  confidence: { type: 'number', min: 0, max: 1 },
};

export const parkingBarrier = defineKind({
  kind: 'parking_barrier',
  fiware: 'ParkingAccess',
  family: 'parking',
  nameZh: '停车道闸',
  nameEn: 'Parking barrier',
  heartbeatSeconds: 300,
  retention: 'access',
  metrics: [bool('raised', '闸杆抬起', 'Barrier raised')],
  events: [
    ev('entry', '车辆入场', 'Vehicle entry', 'info', plateData),
    ev('exit', '车辆出场', 'Vehicle exit', 'info', plateData),
    ev('barrier_fault', '道闸故障', 'Barrier fault', 'minor'),
  ],
  commands: [cmd('open', '抬杆', 'Open')],
});
