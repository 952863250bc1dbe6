/**
 * The worker this tablet last signed in as, kept so the app opens offline from its cached
 * shell, and this tablet's device id (sent with every push so a retried batch replays).
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

const USER_KEY = 'linli-field-user';
const DEVICE_KEY = 'linli-field-device';

export function rememberUser(user: FieldUser): void {
  localStorage.setItem(USER_KEY, JSON.stringify(user));
}

export function lastUser(): FieldUser | null {
  try {
    const raw = localStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as FieldUser) : null;
  } catch {
    return null;
  }
}

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
