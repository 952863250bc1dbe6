/**
 * Who works on the tablet, and the tablet's device id (sent with every push so a retried batch
 * replays). Offline, the worker comes from the page the service worker cached at the last online
 * visit, so the app opens as the last signed-in worker without asking the server.
 */
export interface FieldUser {
  id: string;
  username: string;
  displayName: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  role: string;
}

const DEVICE_KEY = 'linli-field-device';

export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/** RxDB database names allow lower-case letters, digits, `_`, `$`, `-` and must start with a letter. */
export const dbNameFor = (userId: string, suffix: string): string => `linli_field_${suffix}_${userId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
