/**
 * Material colours (linear RGB) for building uses and household states. Known registry values get
 * fixed colours so maps read the same everywhere; anything else gets a stable hashed hue.
 */
const KNOWN: Record<string, [number, number, number]> = {
  residential: [0.8, 0.8, 0.75],
  住宅: [0.8, 0.8, 0.75],
  commercial: [0.55, 0.65, 0.9],
  商业: [0.55, 0.65, 0.9],
  office: [0.6, 0.75, 0.85],
  public: [0.9, 0.75, 0.5],
  self: [0.35, 0.7, 0.4],
  自住: [0.35, 0.7, 0.4],
  occupied: [0.35, 0.7, 0.4],
  rented: [0.3, 0.5, 0.85],
  出租: [0.3, 0.5, 0.85],
  vacant: [0.75, 0.75, 0.75],
  stair: [0.45, 0.42, 0.4],
  空置: [0.75, 0.75, 0.75],
};

export function materialColor(key: string): [number, number, number] {
  const known = KNOWN[key];
  if (known) return known;
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  const hue = ((h >>> 0) % 360) / 360;
  return hsl(hue, 0.45, 0.6);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const f = (t: number) => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (x < 1 / 6) return p + (q - p) * 6 * x;
    if (x < 1 / 2) return q;
    if (x < 2 / 3) return p + (q - p) * (2 / 3 - x) * 6;
    return p;
  };
  return [f(h + 1 / 3), f(h), f(h - 1 / 3)];
}
