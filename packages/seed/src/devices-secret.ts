import { createHmac } from 'node:crypto';

/**
 * The secret of a demo device, derived rather than stored: the seed keeps only its hash in the
 * ledger and the simulator derives it again from the same local key (`devsimKey`).
 */
export function demoDeviceSecret(devsimKey: string, deviceId: string): string {
  if (!devsimKey) throw new Error('demoDeviceSecret: devsimKey is empty');
  return createHmac('sha256', devsimKey).update(deviceId).digest('base64url');
}
