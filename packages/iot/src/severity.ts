export type Severity = 'info' | 'minor' | 'major' | 'critical';

export const SEVERITIES: readonly Severity[] = ['info', 'minor', 'major', 'critical'];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

export function severityAtLeast(severity: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(min);
}
