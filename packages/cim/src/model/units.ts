import { intersectRings, splitAlongLongAxis } from '../geo/clip';
import { makeCcw, ringArea } from '../geo/polygon';
import { ringToLocal, type Origin } from '../geo/projection';
import type { BuildingInput, Vec2 } from '../types';
import type { ModelNote } from './notes';

/**
 * Unit outlines of a building in local coordinates (index 0 = unit 1). Registry outlines are
 * used when there is one per unit, each clipped to the footprint; otherwise the footprint is
 * cut into `units` equal-length slices along the long axis of its oriented bounding
 * rectangle, unit 1 at the west (or south) end.
 */
export function unitOutlines(b: BuildingInput, footprint: readonly Vec2[], origin: Origin, notes: ModelNote[]): Vec2[][] {
  const given = b.unitOutlines;
  if (given !== undefined && given.length > 0) {
    if (given.length === b.units) {
      const clipped = given.map((o) => intersectRings(footprint, makeCcw(ringToLocal(origin, o))));
      if (clipped.every((parts) => parts.length > 0)) {
        return clipped.map((parts, i) => {
          const [first, ...rest] = parts as [Vec2[], ...Vec2[][]];
          const raw = ringArea(makeCcw(ringToLocal(origin, given[i] as NonNullable<typeof given>[number])));
          const kept = ringArea(first);
          if (rest.length > 0 || kept < raw * 0.99) {
            notes.push({
              code: 'unit_outline_clipped',
              building: b.code,
              unit: i + 1,
              zh: `单元 ${i + 1} 的轮廓超出楼栋轮廓，已裁剪（保留 ${kept.toFixed(1)} / ${raw.toFixed(1)} m²）`,
              en: `Unit ${i + 1}'s outline extends beyond the footprint and was clipped (kept ${kept.toFixed(1)} of ${raw.toFixed(1)} m²)`,
            });
          }
          return first;
        });
      }
    }
    notes.push({
      code: 'unit_outline_fallback',
      building: b.code,
      zh: `单元轮廓与单元数（${b.units}）不符或不在楼栋内，已改为沿长轴等分`,
      en: `Unit outlines do not match the unit count (${b.units}) or miss the footprint; split along the long axis instead`,
    });
  }
  return splitAlongLongAxis(footprint, b.units).map((s, i) => {
    if (s.droppedParts > 0) {
      notes.push({
        code: 'unit_split_multipart',
        building: b.code,
        unit: i + 1,
        zh: `楼栋轮廓为凹形，单元 ${i + 1} 被切成多块，只保留最大一块（舍弃 ${s.droppedArea.toFixed(1)} m²）`,
        en: `Concave footprint: unit ${i + 1} came out in several pieces; kept the largest (dropped ${s.droppedArea.toFixed(1)} m²)`,
      });
    }
    return s.ring;
  });
}
