export { appRouter, type AppRouter } from './root';
export { createContext, readCookie, type Context, type Services } from './context';
export { createCallerFactory } from './trpc';
export { LIVE_CHANNEL, type LiveBus, type LiveEvent } from './live';
export { cimImportAccess } from './cim-import-access';
export { handleFieldPhoto } from './field-photo-route';
export { qrSheetPdf, QR_PER_PAGE, type QrSheetInput } from './field-qr-pdf';
