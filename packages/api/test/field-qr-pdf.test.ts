import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { QR_PER_PAGE, qrSheetPdf } from '../src/field-qr-pdf';

const points = (n: number) => Array.from({ length: n }, (_, i) => ({ order: i + 1, name: `巡更点 ${i + 1}`, qrCode: `LINLI-CP:test-${i + 1}` }));
const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

/** Decodes every RGB image XObject of the PDF as a QR code (the alpha masks are skipped). */
function qrPayloads(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const re = /<<([^>]*\/Subtype \/Image[^>]*)>>\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const dict = m[1]!;
    if (!dict.includes('/DeviceRGB')) continue;
    const width = Number(/\/Width (\d+)/.exec(dict)![1]);
    const height = Number(/\/Height (\d+)/.exec(dict)![1]);
    const length = Number(/\/Length (\d+)/.exec(dict)![1]);
    const start = m.index + m[0].length;
    const rgb = inflateSync(pdf.subarray(start, start + length));
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba[i * 4] = rgb[i * 3]!;
      rgba[i * 4 + 1] = rgb[i * 3 + 1]!;
      rgba[i * 4 + 2] = rgb[i * 3 + 2]!;
      rgba[i * 4 + 3] = 255;
    }
    const code = jsQR(rgba, width, height);
    if (code) out.push(code.data);
  }
  return out;
}

describe('checkpoint QR sheet PDF', () => {
  it('is a PDF with one page per six checkpoints and one scannable QR code per checkpoint', async () => {
    for (const n of [1, 6, 7, 13]) {
      const pdf = await qrSheetPdf({ title: '夜间安保巡更 二维码', subtitle: 'MOMA', checkpoints: points(n), labels: { point: '巡更点', footer: '请贴于巡更点醒目位置' } });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
      expect(pages(pdf)).toBe(Math.ceil(n / QR_PER_PAGE));
      // Each sticker scans back to its checkpoint's payload.
      expect(qrPayloads(pdf).sort()).toEqual(points(n).map((p) => p.qrCode).sort());
    }
  });

  it('embeds the Chinese font (text is not dropped as unsupported glyphs)', async () => {
    const pdf = await qrSheetPdf({ title: '路线', subtitle: '社区', checkpoints: points(2), labels: { point: '点', footer: '页脚' } });
    expect(pdf.toString('latin1')).toMatch(/NotoSansCJK/);
  });
});
