import { describe, expect, it } from 'vitest';
import {
  evaluateEvent,
  evaluateOffline,
  evaluateSample,
  initialRuleState,
  type RuleState,
  type Transition,
} from '../src/rules/state-machine';
import type { AlarmRule } from '../src/rules/types';
import { nextAlarmState, type AlarmAction, type AlarmState } from '../src/rules/lifecycle';
import { mergeRules } from '../src/rules/merge';
import { CATALOG } from '../src/catalog/index';

const S = 1000;
const MIN = 60 * S;

/** Feeds readings of one metric through a rule; returns the transitions and the final state. */
function run(rule: AlarmRule, readings: Array<[ts: number, value: number]>, start: RuleState = initialRuleState()) {
  let state = start;
  const transitions: Array<[number, Transition]> = [];
  for (const [ts, value] of readings) {
    const metric = rule.type === 'threshold' || rule.type === 'rate' ? rule.metric : 'x';
    const out = evaluateSample(rule, state, { ts, metrics: { [metric]: value } });
    state = out.state;
    if (out.transition) transitions.push([ts, out.transition]);
  }
  return { state, transitions };
}

const gas: AlarmRule = {
  id: 'gas', type: 'threshold', metric: 'concentration', op: '>', value: 20, clearValue: 10, severity: 'critical', nameZh: '燃气', nameEn: 'Gas',
};
const phLow: AlarmRule = {
  id: 'ph', type: 'threshold', metric: 'ph', op: '<', value: 6.5, minDurationSeconds: 600, severity: 'major', nameZh: 'pH', nameEn: 'pH',
};

describe('threshold rules', () => {
  it('raises on the first breach without a duration and reports the value', () => {
    const out = evaluateSample(gas, initialRuleState(), { ts: 0, metrics: { concentration: 25 } });
    expect(out.transition).toBe('raise');
    expect(out.value).toBe(25);
    expect(out.state).toMatchObject({ active: true, lastChange: 0 });
  });

  it('stays quiet at the limit for a strict ">"', () => {
    expect(run(gas, [[0, 20]]).transitions).toEqual([]);
  });

  it('raises only after the breach has held for minDurationSeconds', () => {
    const { transitions } = run(phLow, [
      [0, 6.2],
      [5 * MIN, 6.3],
      [9 * MIN, 6.1],
      [10 * MIN, 6.2],
    ]);
    expect(transitions).toEqual([[10 * MIN, 'raise']]);
  });

  it('restarts the duration when the breach is interrupted', () => {
    const { transitions, state } = run(phLow, [
      [0, 6.2],
      [8 * MIN, 7.0],
      [9 * MIN, 6.2],
      [15 * MIN, 6.2],
    ]);
    expect(transitions).toEqual([]);
    expect(state.pendingSince).toBe(9 * MIN);
    expect(run(phLow, [[19 * MIN, 6.2]], state).transitions).toEqual([[19 * MIN, 'raise']]);
  });

  it('clears only past clearValue (hysteresis)', () => {
    const { transitions } = run(gas, [
      [0, 25],
      [1 * S, 15],
      [2 * S, 11],
      [3 * S, 10],
      [4 * S, 25],
    ]);
    expect(transitions).toEqual([
      [0, 'raise'],
      [3 * S, 'clear'],
      [4 * S, 'raise'],
    ]);
  });

  it('clears at the limit itself when no clearValue is set', () => {
    const { transitions } = run({ ...phLow, minDurationSeconds: 0 }, [
      [0, 6.4],
      [S, 6.5],
    ]);
    expect(transitions).toEqual([
      [0, 'raise'],
      [S, 'clear'],
    ]);
  });

  it('ignores late, duplicate and missing readings', () => {
    const raised = run(gas, [[10 * S, 25]]).state;
    expect(evaluateSample(gas, raised, { ts: 5 * S, metrics: { concentration: 0 } }).transition).toBeNull();
    expect(evaluateSample(gas, raised, { ts: 10 * S, metrics: { concentration: 0 } }).transition).toBeNull();
    expect(evaluateSample(gas, raised, { ts: 11 * S, metrics: { other: 0 } }).state).toBe(raised);
    expect(evaluateSample(gas, raised, { ts: 11 * S, metrics: { concentration: 0 } }).transition).toBe('clear');
  });
});

describe('rate rules', () => {
  const pressureJump: AlarmRule = {
    id: 'jump', type: 'rate', metric: 'pressure', maxChangePerMinute: 0.1, severity: 'major', nameZh: '骤变', nameEn: 'Jump',
  };

  it('raises on a fast change in either direction and clears when it settles', () => {
    const { transitions } = run(pressureJump, [
      [0, 0.3],
      [MIN, 0.35],
      [2 * MIN, 0.2],
      [3 * MIN, 0.19],
      [3 * MIN + 30 * S, 0.3],
    ]);
    expect(transitions).toEqual([
      [2 * MIN, 'raise'],
      [3 * MIN, 'clear'],
      [3 * MIN + 30 * S, 'raise'],
    ]);
  });

  it('scales by elapsed time: the same step over ten minutes is fine', () => {
    expect(run(pressureJump, [[0, 0.3], [10 * MIN, 0.5]]).transitions).toEqual([]);
  });

  it('never raises on the first sample', () => {
    expect(run(pressureJump, [[0, 2]]).transitions).toEqual([]);
  });
});

describe('offline and event rules', () => {
  const offline: AlarmRule = { id: 'off', type: 'offline', afterSeconds: 180, severity: 'minor', nameZh: '离线', nameEn: 'Offline' };

  it('raises after afterSeconds of silence and clears when the device is back', () => {
    expect(evaluateOffline(offline, 0, 179 * S)).toEqual({ transition: null, offline: false, silentSeconds: 179 });
    expect(evaluateOffline(offline, 0, 180 * S)).toEqual({ transition: 'raise', offline: true, silentSeconds: 180 });
    expect(evaluateOffline(offline, 0, 300 * S, true).transition).toBeNull();
    expect(evaluateOffline(offline, 290 * S, 300 * S, true).transition).toBe('clear');
  });

  it('only offline rules judge silence', () => {
    expect(evaluateOffline(gas, 0, 10 ** 9).transition).toBeNull();
  });

  it('raises an event rule on its own event only', () => {
    const smoke: AlarmRule = { id: 'sa', type: 'event', event: 'smoke_alarm', severity: 'critical', nameZh: '烟', nameEn: 'Smoke' };
    expect(evaluateEvent(smoke, 'smoke_alarm')).toEqual({ transition: 'raise' });
    expect(evaluateEvent(smoke, 'tamper')).toEqual({ transition: null });
    expect(evaluateEvent(gas, 'smoke_alarm')).toEqual({ transition: null });
  });
});

describe('flap suppression', () => {
  // Three raise→clear cycles within ten minutes.
  const flapping: Array<[number, number]> = [
    [0, 25], [1 * MIN, 5],
    [2 * MIN, 25], [3 * MIN, 5],
    [4 * MIN, 25], [5 * MIN, 5],
  ];

  it('suppresses the fourth raise and says until when', () => {
    const { state, transitions } = run(gas, [...flapping, [6 * MIN, 25]]);
    expect(transitions.filter(([, t]) => t === 'raise')).toHaveLength(3);
    expect(transitions.at(-1)).toEqual([5 * MIN, 'clear']);
    expect(state.active).toBe(false);
    expect(state.flaps).toEqual([1 * MIN, 3 * MIN, 5 * MIN]);
    expect(state.suppressedUntil).toBe(15 * MIN);
  });

  it('raises again after ten quiet minutes', () => {
    const { transitions, state } = run(gas, [...flapping, [6 * MIN, 25], [7 * MIN, 5], [17 * MIN + S, 25]]);
    expect(transitions.at(-1)).toEqual([17 * MIN + S, 'raise']);
    expect(state.suppressedUntil).toBeUndefined();
    expect(state.flaps).toEqual([]);
  });

  it('keeps suppressing while the signal keeps bouncing', () => {
    const { transitions, state } = run(gas, [...flapping, [6 * MIN, 25], [7 * MIN, 5], [16 * MIN, 25]]);
    expect(transitions.at(-1)).toEqual([5 * MIN, 'clear']);
    // The suppressed bounce at 6–7 min moved the end of the quiet period to 17 min.
    expect(state.suppressedUntil).toBe(17 * MIN);
  });

  it('still raises a breach that holds through the quiet period', () => {
    const steady: Array<[number, number]> = [];
    for (let t = 6 * MIN; t <= 16 * MIN; t += MIN) steady.push([t, 25]);
    const { transitions } = run(gas, [...flapping, ...steady]);
    expect(transitions.at(-1)).toEqual([15 * MIN, 'raise']);
  });

  it('does not suppress three flaps spread over more than ten minutes', () => {
    const slow: Array<[number, number]> = [
      [0, 25], [1 * MIN, 5],
      [5 * MIN, 25], [6 * MIN, 5],
      [11 * MIN, 25], [12 * MIN, 5],
      [13 * MIN, 25],
    ];
    expect(run(gas, slow).transitions.at(-1)).toEqual([13 * MIN, 'raise']);
  });
});

const table: Record<AlarmState, Record<AlarmAction, AlarmState | null>> = {
  raised: { acknowledge: 'acknowledged', clear: 'cleared', close: null, reraise: null },
  acknowledged: { acknowledge: null, clear: 'cleared', close: 'closed', reraise: null },
  cleared: { acknowledge: null, clear: null, close: 'closed', reraise: 'raised' },
  closed: { acknowledge: null, clear: null, close: null, reraise: null },
};

describe('alarm lifecycle', () => {
  const cases = Object.entries(table).flatMap(([from, row]) =>
    Object.entries(row).map(([action, to]) => [from as AlarmState, action as AlarmAction, to] as const),
  );

  it.each(cases)('%s + %s → %s', (from, action, to) => {
    expect(nextAlarmState(from, action)).toBe(to);
  });

  it('walks the usual path to closed', () => {
    let state: AlarmState | null = 'raised';
    for (const action of ['acknowledge', 'clear', 'reraise', 'acknowledge', 'clear', 'close'] as const) {
      state = nextAlarmState(state!, action);
      expect(state).not.toBeNull();
    }
    expect(state).toBe('closed');
  });
});

const defaults = CATALOG.environment!.defaultRules;
const byId = (rules: AlarmRule[], id: string) => rules.find((r) => r.id === id);

describe('mergeRules', () => {
  it('returns copies of the defaults without overrides', () => {
    const merged = mergeRules(defaults, []);
    expect(merged).toEqual(defaults);
    expect(merged[0]).not.toBe(defaults[0]);
  });

  it('changes value and severity and keeps the hysteresis gap', () => {
    const merged = mergeRules(defaults, [{ id: 'environment.pm25_minor', value: 50, severity: 'major' }]);
    expect(byId(merged, 'environment.pm25_minor')).toMatchObject({ value: 50, clearValue: 35, severity: 'major', metric: 'pm25' });
    expect(byId(merged, 'environment.pm25_major')).toEqual(byId(defaults, 'environment.pm25_major'));
    expect(merged).toHaveLength(defaults.length);
  });

  it('disables a rule', () => {
    const merged = mergeRules(defaults, [{ id: 'environment.rain_heavy', enabled: false }]);
    expect(byId(merged, 'environment.rain_heavy')).toBeUndefined();
    expect(merged).toHaveLength(defaults.length - 1);
  });

  it('ignores ill-typed fields and cannot repoint a rule', () => {
    const merged = mergeRules(defaults, [
      { id: 'environment.pm25_major', value: 'high', severity: 'fatal', metric: 'noise', type: 'rate' } as never,
    ]);
    expect(byId(merged, 'environment.pm25_major')).toEqual(byId(defaults, 'environment.pm25_major'));
  });

  it('drops a clear point left on the wrong side of the limit', () => {
    const merged = mergeRules(defaults, [{ id: 'environment.pm25_minor', value: 75, clearValue: 90 }]);
    const rule = byId(merged, 'environment.pm25_minor');
    expect(rule).toMatchObject({ type: 'threshold', value: 75 });
    expect(rule).not.toHaveProperty('clearValue');
  });

  it('adds a complete tenant rule and ignores a partial one', () => {
    const custom: AlarmRule = {
      id: 'tenant.noise_night', type: 'threshold', metric: 'noise', op: '>', value: 55, severity: 'minor', nameZh: '夜间噪声', nameEn: 'Night noise',
    };
    const merged = mergeRules(defaults, [{ ...custom, enabled: true }, { id: 'tenant.partial', value: 3 }]);
    expect(byId(merged, 'tenant.noise_night')).toEqual(custom);
    expect(byId(merged, 'tenant.partial')).toBeUndefined();
  });
});
