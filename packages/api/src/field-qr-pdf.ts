import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/** Noto Sans CJK from Debian's fonts-noto-cjk; a TTC needs the PostScript name of the face. */
export const CJK_FONT = { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' };

export interface QrSheetInput {
  title: string;
  subtitle: string;
  checkpoints: { order: number; name: string; qrCode: string }[];
  /** Labels in the sheet's language. */
  labels: { point: string; footer: string };
}

export const QR_PER_PAGE = 6;

/**
 * A printable A4 sheet of checkpoint QR stickers (R5.3.8 e-patrol): six per page (2 × 3), each
 * with its order, name and payload written under it so a damaged sticker can be checked by eye.
 */
export async function qrSheetPdf(input: QrSheetInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 36, info: { Title: input.title, Creator: 'Linli' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (existsSync(CJK_FONT.path)) {
    doc.registerFont('cn', CJK_FONT.path, CJK_FONT.family);
    doc.font('cn');
  }
  const pageW = doc.page.width - 72;
  const cellW = pageW / 2;
  const top = 36 + 48;
  const cellH = (doc.page.height - top - 36 - 20) / 3;
  const qrSize = Math.min(cellW, cellH) - 60;
  const points = [...input.checkpoints].sort((a, b) => a.order - b.order);
  const pages = Math.max(1, Math.ceil(points.length / QR_PER_PAGE));
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    // The footer sits inside the bottom margin; without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.fontSize(16).text(input.title, 36, 36, { width: pageW });
    doc.fontSize(9).fillColor('#555').text(`${input.subtitle} · ${p + 1}/${pages}`, 36, 58, { width: pageW }).fillColor('#000');
    const slice = points.slice(p * QR_PER_PAGE, (p + 1) * QR_PER_PAGE);
    for (const [i, c] of slice.entries()) {
      const x = 36 + (i % 2) * cellW;
      const y = top + Math.floor(i / 2) * cellH;
      doc.rect(x + 4, y + 4, cellW - 8, cellH - 8).dash(3, { space: 3 }).strokeColor('#999').stroke().undash();
      const png = await QRCode.toBuffer(c.qrCode, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 400 });
      doc.image(png, x + (cellW - qrSize) / 2, y + 12, { width: qrSize, height: qrSize });
      doc.fontSize(12).fillColor('#000').text(`${input.labels.point} ${c.order} · ${c.name}`, x + 10, y + 16 + qrSize, { width: cellW - 20, align: 'center' });
      doc.fontSize(7).fillColor('#666').text(c.qrCode, x + 10, y + 34 + qrSize, { width: cellW - 20, align: 'center' }).fillColor('#000');
    }
    doc.fontSize(8).fillColor('#777').text(input.labels.footer, 36, doc.page.height - 36 - 12, { width: pageW, align: 'center', lineBreak: false }).fillColor('#000');
  }
  doc.end();
  return done;
}
