import { defineKind, ev, num, threshold } from './define';

// R5.2.6: fill level drives collection rounds; tilt and fire come from the bin itself.
export const trashBin = defineKind({
  kind: 'trash_bin',
  fiware: 'WasteContainer',
  family: 'sanitation',
  nameZh: '智能垃圾桶',
  nameEn: 'Smart waste bin',
  heartbeatSeconds: 1800,
  metrics: [
    num('fill', '满溢度', 'Fill level', '%', 0, 100),
    num('tilt', '倾斜角', 'Tilt', 'deg', 0, 180),
    num('lat', '纬度', 'Latitude', 'deg', -90, 90),
    num('lng', '经度', 'Longitude', 'deg', -180, 180),
  ],
  events: [
    ev('overflow', '满溢', 'Overflow', 'minor'),
    ev('tilted', '倾倒', 'Tilted over', 'minor'),
    ev('fire', '桶内起火', 'Fire in bin', 'critical'),
  ],
  // Clears only well below the limit: a bin hovering at 85 % must not alarm on every reading.
  rules: [threshold('fill_high', 'fill', '>', 85, 'minor', '垃圾桶将满', 'Bin nearly full', { clearValue: 70 })],
});
