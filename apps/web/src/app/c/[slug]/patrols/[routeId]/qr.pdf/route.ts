import { TRPCError } from '@trpc/server';
import { getLocale, getTranslations } from 'next-intl/server';
import { qrSheetPdf } from '@linli/api';
import { getCaller } from '@/server/caller';

export const dynamic = 'force-dynamic';

const STATUS: Partial<Record<TRPCError['code'], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400 };

/** The printable QR sticker sheet of a patrol route (six per A4 page). */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string; routeId: string }> }) {
  const { slug, routeId } = await params;
  const locale = await getLocale();
  const t = await getTranslations({ locale, namespace: 'field-console.patrols' });
  try {
    const caller = await getCaller();
    const [detail, overview] = await Promise.all([caller.fieldConsole.patrols.route({ tenant: slug, id: routeId }), caller.tenant.overview({ tenant: slug })]);
    const community = locale === 'en' ? overview.tenant.nameEn : overview.tenant.nameZh;
    const pdf = await qrSheetPdf({
      title: t('qrTitle', { route: detail.route.name }),
      subtitle: t('qrSubtitle', { community, count: detail.route.checkpoints.length }),
      checkpoints: detail.route.checkpoints,
      labels: { point: t('qrPoint'), footer: t('qrFooter') },
    });
    return new Response(new Uint8Array(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="patrol-qr-${routeId.slice(0, 8)}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    if (error instanceof TRPCError && STATUS[error.code]) {
      const messages = (error.cause as { messages?: { zh: string; en: string } } | undefined)?.messages;
      return new Response(messages ? (locale === 'en' ? messages.en : messages.zh) : error.code, { status: STATUS[error.code], headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    throw error;
  }
}
