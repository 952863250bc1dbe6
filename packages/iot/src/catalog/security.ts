import { bool, cmd, defineKind, ev } from './define';

// R5.3.6: the camera runs the model and reports only what it recognised; footage stays on the NVR.
export const cameraAi = defineKind({
  kind: 'camera_ai',
  fiware: 'Camera',
  family: 'security',
  nameZh: 'AI 智能摄像机',
  nameEn: 'AI camera',
  heartbeatSeconds: 60,
  events: [
    ev('high_altitude_throwing', '高空抛物', 'Object thrown from height', 'major'),
    ev('intrusion', '区域入侵', 'Intrusion', 'major'),
    ev('crowd', '人员聚集', 'Crowd gathering', 'minor'),
    ev('fall', '人员跌倒', 'Person fallen', 'major'),
    ev('loitering', '人员徘徊', 'Loitering', 'minor'),
    ev('ebike_in_elevator', '电动车进电梯', 'E-bike in elevator', 'major'),
    ev('illegal_charging', '违规充电', 'Illegal charging', 'major'),
    ev('fire_smoke', '烟火识别', 'Fire or smoke seen', 'critical'),
    ev('garbage_overflow', '垃圾满溢', 'Garbage overflow', 'minor'),
  ],
});

export const perimeter = defineKind({
  kind: 'perimeter',
  fiware: 'Device',
  family: 'security',
  nameZh: '周界防范',
  nameEn: 'Perimeter alarm',
  heartbeatSeconds: 60,
  offlineSeverity: 'major',
  metrics: [bool('armed', '布防', 'Armed')],
  events: [
    ev('intrusion', '周界入侵', 'Perimeter intrusion', 'major'),
    ev('tamper', '防拆报警', 'Tamper', 'major'),
    ev('wire_cut', '线路被剪', 'Wire cut', 'critical'),
  ],
  commands: [cmd('arm', '布防', 'Arm'), cmd('disarm', '撤防', 'Disarm')],
});
