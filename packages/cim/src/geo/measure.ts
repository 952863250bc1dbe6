import type { Prism } from '../types';
import { perimeter, ringArea, ringInRing } from './polygon';

/** Plan area of the prism's base, m². */
export const prismArea = (p: Prism): number => ringArea(p.base);

/** Volume, m³: base area × height. */
export const prismVolume = (p: Prism): number => ringArea(p.base) * Math.max(0, p.zMax - p.zMin);

/** Outer surface, m²: two caps plus the walls. */
export const prismSurfaceArea = (p: Prism): number =>
  2 * ringArea(p.base) + perimeter(p.base) * Math.max(0, p.zMax - p.zMin);

/** `inner` lies within `outer`: its ring inside the outer ring and its z-range inside (±eps m). */
export function containsPrism(outer: Prism, inner: Prism, eps = 1e-6): boolean {
  return inner.zMin >= outer.zMin - eps && inner.zMax <= outer.zMax + eps && ringInRing(outer.base, inner.base, eps);
}
