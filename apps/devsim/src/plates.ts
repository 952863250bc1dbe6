/** Vehicle plates and ledger references for access events (random, never real people). */

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // plates use no I or O
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

const NEIGHBOURS: Record<string, string[]> = { 京: ['冀', '津', '晋', '鲁'], 沪: ['苏', '浙', '皖'] };

/** A plate such as 京A·12345, 沪B·3K7L9 or the new-energy 京A·D12345. */
export function randomPlate(home: '京' | '沪'): string {
  const province = Math.random() < 0.78 ? home : pick(NEIGHBOURS[home]!);
  const city = province === '京' ? pick('ABCEFGHJKLMNPQ'.split('')) : province === '沪' ? pick('ABCDEFGHJKLMN'.split('')) : pick('ABCDEFGH'.split(''));
  if (Math.random() < 0.18) return `${province}${city}·${pick(['D', 'F'])}${digits(5)}`;
  let serial = digits(5).split('');
  if (Math.random() < 0.4) {
    const at = Math.floor(Math.random() * 5);
    serial[at] = pick(LETTERS.split(''));
  }
  serial = serial.map((ch, i) => (i === 0 && ch === '0' ? '1' : ch));
  return `${province}${city}·${serial.join('')}`;
}

/** An opaque reference into the resident/visitor ledger (R5.3.7 keeps names out of events). */
export function personRef(): string {
  return `${Math.random() < 0.85 ? 'res' : 'vis'}-${Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0')}`;
}

export function accessMethod(): 'card' | 'qr' | 'face' {
  const r = Math.random();
  return r < 0.42 ? 'card' : r < 0.58 ? 'qr' : 'face';
}
