export type AlarmState = 'raised' | 'acknowledged' | 'cleared' | 'closed';
export type AlarmAction = 'acknowledge' | 'clear' | 'close' | 'reraise';

/**
 * `clear` comes from the device side (the condition went away), the rest from people.
 * A raised alarm cannot be closed unseen: someone acknowledges it first, so every closed alarm
 * has a person who looked at it. Closed is final; a new occurrence opens a new alarm.
 */
const TRANSITIONS: Record<AlarmState, Partial<Record<AlarmAction, AlarmState>>> = {
  raised: { acknowledge: 'acknowledged', clear: 'cleared' },
  acknowledged: { clear: 'cleared', close: 'closed' },
  cleared: { close: 'closed', reraise: 'raised' },
  closed: {},
};

export function nextAlarmState(current: AlarmState, action: AlarmAction): AlarmState | null {
  return TRANSITIONS[current][action] ?? null;
}
